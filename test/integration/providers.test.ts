import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startFakeAnthropicModels,
  startFakeOllamaTags,
  startFakeOpenAIModels,
  startGarbageServer,
} from '../helpers/fake-providers.ts'
import { deadUrl, type FakeServer } from '../helpers/http-server.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

let t: TestCore
const servers: FakeServer[] = []
async function fake(start: Promise<FakeServer>): Promise<FakeServer> {
  const server = await start
  servers.push(server)
  return server
}

beforeEach(async () => {
  t = await startTestCore()
})
afterEach(async () => {
  await t.close()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function post(path: string, body: unknown) {
  const res = await t.api(path, { method: 'POST', body: JSON.stringify(body) })
  return { status: res.status, body: await res.json() }
}

describe('providers', () => {
  it('fills endpoint and auth defaults from the kind', async () => {
    const kinds = await (await t.api('/provider-kinds')).json()
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual([
      'anthropic',
      'llamacpp',
      'lmstudio',
      'ollama',
      'openai',
      'openrouter',
      'vllm',
    ])
    const { body } = await post('/providers', { name: 'Ollama', kind: 'ollama' })
    expect(body).toMatchObject({ id: 'ollama', endpoint: 'http://localhost:11434', auth: 'none' })
    const lm = await t.core.api.createProvider({
      name: 'LM Studio',
      kind: 'lmstudio',
      endpoint: await deadUrl(),
    })
    expect(lm.auth).toBe('none')
    const router = await t.core.api.createProvider({
      name: 'OpenRouter',
      kind: 'openrouter',
      endpoint: await deadUrl(),
    })
    expect(router.auth).toBe('api_key')
  })

  it('discovers models of every wire format on save', async () => {
    const openai = await fake(startFakeOpenAIModels({ apiKey: 'sk-test-aaaa1111' }))
    const ollama = await fake(startFakeOllamaTags())
    const anthropic = await fake(startFakeAnthropicModels('sk-ant-bbbb2222'))

    const o = await post('/providers', {
      name: 'OpenAI',
      kind: 'openai',
      endpoint: openai.url + '/v1',
      apiKey: 'sk-test-aaaa1111',
    })
    expect(o.status).toBe(201)
    expect(o.body).toMatchObject({ status: 'ok', statusError: null, apiKeyHint: '••••1111' })
    expect(o.body.models.map((m: { id: string }) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini'])

    const l = await post('/providers', { name: 'Local', kind: 'ollama', endpoint: ollama.url })
    expect(l.body.models.map((m: { id: string }) => m.id)).toEqual([
      'llama3.2:latest',
      'qwen2.5-coder:7b',
    ])

    const a = await post('/providers', {
      name: 'Claude',
      kind: 'anthropic',
      endpoint: anthropic.url,
      apiKey: 'sk-ant-bbbb2222',
    })
    expect(a.body.status).toBe('ok')
    expect(a.body.models).toEqual([
      { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5' },
      { id: 'claude-haiku-4-5', name: 'Claude Haiku 4.5' },
    ])
    expect(anthropic.requests[0]!.headers['anthropic-version']).toBe('2023-06-01')
    expect(openai.requests[0]!.headers.authorization).toBe('Bearer sk-test-aaaa1111')
  })

  it('saves an unreachable provider with its error, and one that answers garbage', async () => {
    const down = await post('/providers', { name: 'Down', kind: 'vllm', endpoint: await deadUrl() })
    expect(down.status).toBe(201)
    expect(down.body.status).toBe('error')
    expect(down.body.statusError).toMatch(
      /^Could not connect to http:\/\/127\.0\.0\.1:\d+\/models: connection refused\. Is the server running\?$/,
    )

    const garbage = await fake(startGarbageServer())
    const g = await post('/providers', { name: 'Garbage', kind: 'llamacpp', endpoint: garbage.url })
    expect(g.body.status).toBe('error')
    expect(g.body.statusError).toMatch(/did not answer with JSON/)
    expect((await t.api('/providers')).status).toBe(200)
    expect((await (await t.api('/providers')).json()).length).toBe(2)
  })

  it('keeps the models of the last good refresh when the provider goes down', async () => {
    const ollama = await fake(startFakeOllamaTags(['phi3:mini']))
    await post('/providers', { name: 'Box', kind: 'ollama', endpoint: ollama.url })
    await ollama.close()
    const refreshed = await post('/providers/box/refresh', {})
    expect(refreshed.body.status).toBe('error')
    expect(refreshed.body.models).toEqual([{ id: 'phi3:mini' }])
  })

  it('keeps the stored key when an edit leaves it blank, and never returns it', async () => {
    const openai = await fake(startFakeOpenAIModels({ apiKey: 'sk-live-secret-9876' }))
    await post('/providers', {
      name: 'Keyed',
      kind: 'openai',
      endpoint: openai.url + '/v1',
      apiKey: 'sk-live-secret-9876',
    })
    const edited = await t.api('/providers/keyed', {
      method: 'PATCH',
      body: JSON.stringify({ description: 'team account', apiKey: '' }),
    })
    const body = await edited.json()
    expect(body).toMatchObject({
      description: 'team account',
      status: 'ok',
      apiKeyHint: '••••9876',
    })
    expect(openai.requests.at(-1)!.headers.authorization).toBe('Bearer sk-live-secret-9876')

    const everything = JSON.stringify([
      await (await t.api('/providers')).json(),
      await (await t.api('/providers/keyed')).json(),
      await (await t.api('/status')).json(),
    ])
    expect(everything).not.toContain('sk-live-secret-9876')
    await t.core.close()
    const files = ['switchboard.db', 'switchboard.db-wal'].map((f) => {
      try {
        return readFileSync(join(t.dataDir, f))
      } catch {
        return Buffer.alloc(0)
      }
    })
    for (const file of files) expect(file.includes('sk-live-secret-9876')).toBe(false)
  })

  it('reports wrong credentials in words', async () => {
    const openai = await fake(startFakeOpenAIModels({ apiKey: 'right' }))
    const { body } = await post('/providers', {
      name: 'Wrong',
      kind: 'openai',
      endpoint: openai.url + '/v1',
      apiKey: 'wrong',
    })
    expect(body.statusError).toBe(
      'The server answered 401: the API key was refused. Check the key.',
    )
    // Without any key, the same answer means one is needed.
    const keyless = await post('/providers/test', {
      kind: 'openai',
      endpoint: openai.url + '/v1',
      auth: 'none',
    })
    expect(keyless.body.error).toBe(
      'The server answered 401: it wants an API key. Set Authentication to API key and enter one.',
    )
  })

  it('tests a configuration without saving it', async () => {
    const ollama = await fake(startFakeOllamaTags(['a:1']))
    const { body } = await post('/providers/test', { kind: 'ollama', endpoint: ollama.url })
    expect(body).toEqual({ ok: true, error: null, models: [{ id: 'a:1' }] })
    expect(await (await t.api('/providers')).json()).toEqual([])
  })

  it('refuses to delete a provider that rules use, unless forced', async () => {
    const ollama = await fake(startFakeOllamaTags())
    await post('/providers', { name: 'Main', kind: 'ollama', endpoint: ollama.url })
    await post('/providers', { name: 'Spare', kind: 'ollama', endpoint: ollama.url })
    await t.core.api.createWorkspace({ name: 'web' })
    await t.core.api.setRules({
      name: 'web',
      rules: [
        {
          kind: 'filename',
          pattern: '.tsx',
          target: { provider: 'main', model: 'llama3.2:latest' },
        },
        {
          kind: 'request-type',
          requestType: 'fim',
          target: { provider: 'spare', model: 'qwen2.5-coder:7b' },
          fallbacks: [{ provider: 'main', model: 'llama3.2:latest' }],
        },
      ],
    })
    await t.core.api.setCatchAll({
      name: 'default',
      catchAll: { target: { provider: 'main', model: 'llama3.2:latest' } },
    })

    const refused = await t.api('/providers/main', { method: 'DELETE' })
    expect(refused.status).toBe(409)
    const error = (await refused.json()).error
    expect(error.message).toContain('1 rule in workspace "default", 2 rules in workspace "web"')
    expect(error.message).toContain('force=true')

    const forced = await t.api('/providers/main?force=true', { method: 'DELETE' })
    expect(forced.status).toBe(200)
    expect((await forced.json()).removedRules).toHaveLength(3)
    const web = await t.core.api.getWorkspace({ name: 'web' })
    expect(web.rules).toHaveLength(1)
    expect(web.rules[0]).toMatchObject({ kind: 'request-type', fallbacks: [] })
    expect((await t.core.api.getWorkspace({ name: 'default' })).catchAll).toBeNull()
  })

  it('answers 404 for an unknown provider and 409 for a taken id', async () => {
    const missing = await t.api('/providers/nope')
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.message).toMatch(/No provider with id "nope"/)
    await post('/providers', { id: 'x', name: 'X', kind: 'vllm', endpoint: await deadUrl() })
    const clash = await post('/providers', {
      id: 'x',
      name: 'Y',
      kind: 'vllm',
      endpoint: await deadUrl(),
    })
    expect(clash.status).toBe(409)
  })
})
