// Run inside a network namespace by test/integration/remote-bind-keys.test.ts: a core bound to
// 10.77.0.1 (not loopback) with an OpenAI-compatible fake upstream; prints what clients saw as JSON.
import { createCore } from '../../src/main/core/core.ts'
import { startFakeOpenAI } from './fake-upstreams.ts'
import { makeTempDir } from './temp-dir.ts'

const temp = makeTempDir()
const upstream = await startFakeOpenAI()
const core = createCore({ dataDir: temp.dir, host: '10.77.0.1', port: 0, allowRemote: true })
try {
  const status = await core.start()
  if (status.state !== 'listening') throw new Error(JSON.stringify(status))
  await core.api.createProvider({
    id: 'oai',
    name: 'OpenAI',
    kind: 'openai',
    endpoint: upstream.url + '/v1',
    apiKey: 'sk-up',
  })
  await core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
  const { secret } = await core.api.createMemberKey({ name: 'remote member' })
  const chat = (headers: Record<string, string>) =>
    fetch(status.url + '/v1/mux/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        model: 'x',
        messages: [{ role: 'user', content: 'from the network' }],
      }),
    })
  const healthz = (await fetch(status.url + '/healthz')).status
  const refused = await chat({})
  const accepted = await chat({ authorization: `Bearer ${secret}` })
  console.log(
    JSON.stringify({
      boundTo: status.host,
      healthz,
      withoutKey: { status: refused.status, type: (await refused.json()).error.type },
      withKey: {
        status: accepted.status,
        content: (await accepted.json()).choices[0].message.content,
      },
    }),
  )
} finally {
  await core.close()
  await upstream.close()
  temp.cleanup()
}
