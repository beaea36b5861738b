import { connect, type Socket } from 'node:net'
import OpenAI from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-upstreams.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// Clients that send slowly or hold many connections must not pin the server down: each limit
// is made small here through the core's serverLimits option and met with real sockets.

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function core(limits: Parameters<typeof startTestCore>[0]): Promise<TestCore> {
  const t = await startTestCore(limits)
  cleanups.push(() => t.close())
  return t
}

interface RawClient {
  socket: Socket
  /** Everything the server sent until it closed the connection. */
  closed: Promise<string>
}

/** A raw TCP client: the test decides which bytes go out and when. */
async function rawClient(url: string): Promise<RawClient> {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  cleanups.push(() => void socket.destroy())
  let received = ''
  socket.setEncoding('utf8').on('data', (d: string) => (received += d))
  socket.on('error', () => {})
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)))
  await new Promise<void>((resolve) => socket.once('connect', resolve))
  return { socket, closed }
}

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms).unref(),
    ),
  ])
}

function jsonBodyOf(raw: string): { error: { code: string; message: string } } {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))
}

describe('a client that stalls', () => {
  it('is closed after the header timeout when it sends half the headers', async () => {
    const t = await core({ serverLimits: { headersTimeoutMs: 300 } })
    const client = await rawClient(t.url)
    client.socket.write('POST /v1/mux/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-')
    const answer = await within(5_000, client.closed, 'closing the half-sent request')
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(jsonBodyOf(answer).error.code).toBe('request_timeout')
  })

  it('gets a 408 JSON error when its body does not arrive within the body timeout', async () => {
    const t = await core({ serverLimits: { bodyTimeoutMs: 300 } })
    const client = await rawClient(t.url)
    client.socket.write(
      'POST /v1/mux/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"model":"x",',
    )
    const answer = await within(5_000, client.closed, 'answering the slow body')
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    expect(answer.toLowerCase()).toContain('connection: close')
    expect(jsonBodyOf(answer).error).toMatchObject({
      code: 'request_timeout',
      message: expect.stringMatching(/did not arrive within 0\.3 s/),
    })
  })

  it('gets the 408 in the Anthropic error format on the messages route', async () => {
    const t = await core({ serverLimits: { bodyTimeoutMs: 300 } })
    const client = await rawClient(t.url)
    client.socket.write(
      'POST /v1/mux/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{',
    )
    const answer = await within(5_000, client.closed, 'answering the slow body')
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      type: 'error',
      error: { message: expect.stringMatching(/did not arrive/) },
    })
  })
})

describe('connections per client address', () => {
  it('refuses the connection over the cap with a 429, and accepts again once one closes', async () => {
    const t = await core({ serverLimits: { maxConnectionsPerAddress: 3 } })
    const held = [await rawClient(t.url), await rawClient(t.url), await rawClient(t.url)]
    const extra = await rawClient(t.url)
    const refused = await within(5_000, extra.closed, 'refusing the fourth connection')
    expect(refused).toMatch(/^HTTP\/1\.1 429 /)
    expect(jsonBodyOf(refused).error.message).toMatch(/Too many open connections from 127\.0\.0\.1/)

    held[0]!.socket.destroy()
    await held[0]!.closed
    // The server counts the close a moment after the client does.
    let status = 0
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = await fetch(t.url + '/health', { headers: { connection: 'close' } })
        .then((r) => r.status)
        .catch(() => 0)
      if (status !== 200) await new Promise((r) => setTimeout(r, 20))
    }
    expect(status).toBe(200)
  })
})

describe('a long stream', () => {
  let up: FakeUpstream
  it('is not cut by the body or header timeout once the response has started', async () => {
    const t = await core({ serverLimits: { headersTimeoutMs: 200, bodyTimeoutMs: 200 } })
    up = await startFakeOpenAI()
    cleanups.push(() => up.close())
    await t.core.api.createProvider({
      id: 'oai',
      name: 'OpenAI',
      kind: 'openai',
      endpoint: up.url + '/v1',
      apiKey: 'sk-1',
    })
    await t.core.api.setCatchAll({
      name: 'default',
      catchAll: { target: { provider: 'oai', model: 'gpt-4o' } },
    })
    // Five pieces 250 ms apart: the stream lasts several times each timeout.
    up.behaviour.pieceDelayMs = 250
    const openai = new OpenAI({ baseURL: t.url + '/v1/mux', apiKey: 'x', maxRetries: 0 })
    const started = performance.now()
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'a long answer' }],
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toMatch(/^Hello from the fake upstream.*echo: a long answer/)
    expect(performance.now() - started).toBeGreaterThan(800)
  })
})
