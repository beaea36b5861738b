import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-upstreams.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

// Two Switchboard instances (each its own data dir, one shared config file) behind a real nginx
// running the documented docs/nginx/switchboard.conf. A conversation stays on one instance; when
// that instance is killed, the conversation goes on on the other without a failed request.

const NGINX = '/usr/sbin/nginx'
const cli = join(import.meta.dirname, '../../src/main/cli.ts')
const template = join(import.meta.dirname, '../../docs/nginx/switchboard.conf')
const TOKEN = 'team-admin-token-for-both'

if (!existsSync(NGINX))
  console.warn(`scale-out test skipped: no nginx at ${NGINX} (apt-get install nginx)`)

const children: ChildProcess[] = []
let temp: { dir: string; cleanup: () => void }
let upstream: FakeUpstream
let instances: { child: ChildProcess; url: string; port: number }[]
let nginxUrl: string

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function startInstance(name: string, configFile: string) {
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--port', '0', '--data-dir', join(temp.dir, name), '--config', configFile],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SWITCHBOARD_ADMIN_TOKEN: TOKEN } },
  )
  children.push(child)
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  for (let i = 0; i < 300; i++) {
    const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out)
    if (match) return { child, url: match[1]!, port: Number(match[2]) }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`instance ${name} did not start:\n${out}`)
}

/** The documented config with these instances and port, inside a minimal nginx.conf of its own. */
function nginxConf(ports: number[], listen: number): string {
  const documented = readFileSync(template, 'utf8')
    .replace(/^ {4}server switchboard-a:8989 .*$/m, () =>
      ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n'),
    )
    .replace(/^ {4}server switchboard-b:8989 .*\n/m, '')
    .replace(/^ {4}listen 8989;$/m, `    listen 127.0.0.1:${listen};`)
  expect(documented).toContain(`server 127.0.0.1:${ports[1]}`)
  const prefix = join(temp.dir, 'nginx')
  mkdirSync(prefix, { recursive: true })
  return `daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
worker_processes 1;
events { worker_connections 64; }
http {
  access_log ${prefix}/access.log;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
${documented}
}
`
}

async function startNginx(conf: string, port: number): Promise<void> {
  const file = join(temp.dir, 'nginx', 'nginx.conf')
  writeFileSync(file, conf)
  const prefix = join(temp.dir, 'nginx')
  const child = spawn(NGINX, ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  child.stderr!.on('data', (d) => (out += d))
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/v1/mux/models`).then(
      (r) => r.status < 500,
      () => false,
    )
    if (up) return
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(
    `nginx did not start:\n${out}\n${readFileSync(join(prefix, 'error.log'), 'utf8')}`,
  )
}

async function requestCount(url: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/requests?limit=500`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  })
  return ((await res.json()) as { requests: unknown[] }).requests.length
}

describe.skipIf(!existsSync(NGINX))('scale-out behind nginx', () => {
  beforeAll(async () => {
    temp = makeTempDir()
    upstream = await startFakeOpenAI()
    const configFile = join(temp.dir, 'switchboard.yaml')
    writeFileSync(
      configFile,
      `providers:
  - id: cloud
    name: Cloud
    kind: openai
    endpoint: ${upstream.url}/v1
    auth: none
workspaces:
  - name: team
    catchAll: { target: { provider: cloud, model: gpt-4o } }
activeWorkspace: team
`,
    )
    instances = [await startInstance('a', configFile), await startInstance('b', configFile)]
    const port = await freePort()
    await startNginx(
      nginxConf(
        instances.map((i) => i.port),
        port,
      ),
      port,
    )
    nginxUrl = `http://127.0.0.1:${port}`
  }, 60_000)

  afterAll(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
    await upstream?.close()
    temp?.cleanup()
  })

  it('hashes the session ids real agents send: each session sticks, sessions spread', async () => {
    const kinds: [string, (n: number) => string][] = [
      ['X-Switchboard-Conversation', (n) => `conversation-${n}`],
      ['X-Claude-Code-Session-Id', (n) => `6f1c2a9e-0b7d-4c1e-9a53-claude-${n}`],
      // Codex CLI: the underscore header nginx drops unless underscores_in_headers is on.
      ['session_id', (n) => `0199a1b2-c3d4-7e5f-8a9b-codex-${n}`],
    ]
    for (const [header, id] of kinds) {
      const instancesUsed = new Set<string>()
      for (let n = 0; n < 12; n++) {
        const served: string[] = []
        for (let i = 0; i < 2; i++) {
          const res = await fetch(`${nginxUrl}/v1/mux/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [header]: id(n) },
            body: JSON.stringify({
              model: 'switchboard',
              messages: [{ role: 'user', content: 'hi' }],
            }),
          })
          expect(res.status).toBe(200)
          served.push(res.headers.get('x-served-by')!)
        }
        expect(served[1], `${header}: ${id(n)}`).toBe(served[0])
        instancesUsed.add(served[0]!)
      }
      // Twelve sessions all on one of two instances would mean the header was not the key.
      expect(instancesUsed.size, header).toBe(2)
    }
  })

  it('keeps a conversation on one instance and moves it when that instance dies', async () => {
    const client = new OpenAI({
      baseURL: `${nginxUrl}/v1/mux`,
      apiKey: 'team-member',
      maxRetries: 0,
      defaultHeaders: { 'X-Switchboard-Conversation': 'conversation-42' },
    })
    const messages: OpenAI.ChatCompletionMessageParam[] = []
    const servedBy: string[] = []
    const turn = async (text: string) => {
      messages.push({ role: 'user', content: text })
      const { data, response } = await client.chat.completions
        .create({ model: 'switchboard', messages, stream: false })
        .withResponse()
      messages.push({ role: 'assistant', content: data.choices[0]!.message.content })
      // After a failover nginx lists every instance it tried: "dead, alive".
      servedBy.push(response.headers.get('x-served-by')!.split(', ').at(-1)!)
      expect(response.headers.get('x-switchboard-provider')).toBe('cloud')
      return data.choices[0]!.message.content
    }

    const before = new Map(
      await Promise.all(instances.map(async (i) => [i, await requestCount(i.url)] as const)),
    )
    for (let i = 1; i <= 3; i++) expect(await turn(`step ${i}`)).toBe(`echo: step ${i}`)
    expect(new Set(servedBy).size).toBe(1)
    const first = instances.find((i) => servedBy[0] === `127.0.0.1:${i.port}`)!
    const other = instances.find((i) => i !== first)!
    expect(await requestCount(first.url)).toBe(before.get(first)! + 3)
    expect(await requestCount(other.url)).toBe(before.get(other)!)

    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))

    for (let i = 4; i <= 6; i++) expect(await turn(`step ${i}`)).toBe(`echo: step ${i}`)
    expect(servedBy.slice(3)).toEqual(Array(3).fill(`127.0.0.1:${other.port}`))
    expect(await requestCount(other.url)).toBe(before.get(other)! + 3)
    // The whole conversation reached the model: the last request carried all six turns.
    const last = upstream.bodies().at(-1) as { messages: unknown[] }
    expect(last.messages).toHaveLength(11)
  }, 60_000)
})
