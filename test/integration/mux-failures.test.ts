import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { deadUrl } from '../helpers/http-server.ts'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.createProvider({
    id: 'gone',
    name: 'Gone',
    kind: 'vllm',
    endpoint: await deadUrl(),
  })
})
afterAll(() => w.close())
afterEach(async () => {
  for (const up of [w.openaiUp, w.anthropicUp, w.ollamaUp])
    for (const key of Object.keys(up.behaviour))
      delete up.behaviour[key as keyof typeof up.behaviour]
  await w.t.core.api.updateSettings({ upstreamFirstByteTimeoutMs: 120_000 })
})

async function catchAll(target: [string, string], ...fallbacks: [string, string][]) {
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: {
      target: { provider: target[0], model: target[1] },
      fallbacks: fallbacks.map(([provider, model]) => ({ provider, model })),
    },
  })
}
const ask = (content = 'hi') =>
  w.openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content }] })

describe('failures, said clearly', () => {
  it('falls back in order when targets are unreachable or answer 5xx', async () => {
    w.openaiUp.behaviour.failWith = 503
    await catchAll(['gone', 'm1'], ['oai', 'gpt-4o'], ['local', 'qwen2.5-coder:7b'])
    const { data, response } = await ask('still there?').withResponse()
    expect(data.choices[0]!.message.content).toBe('echo: still there?')
    expect(response.headers.get('x-switchboard-provider')).toBe('local')
    expect(response.headers.get('x-switchboard-fallbacks-tried')).toBe('2')
    const [entry] = await loggedRequests(w.t)
    expect(entry!.attempts.map((a) => [a.target.provider, a.status])).toEqual([
      ['gone', null],
      ['oai', 503],
      ['local', 200],
    ])
    expect(entry!.attempts[0]!.error).toMatch(/connection refused/)
  })

  it('answers 502 naming every target tried when all fail', async () => {
    w.openaiUp.behaviour.failWith = 500
    await catchAll(['gone', 'm1'], ['oai', 'gpt-4o'])
    const err = await ask().catch((e) => e)
    expect(err.status).toBe(502)
    expect(err.message).toMatch(
      /All 2 targets failed\. gone\/m1: Could not connect .*; oai\/gpt-4o: HTTP 500 \(fake openai failure 500\)/,
    )
  })

  it('answers 429 when the last target is rate limited, and 504 on a first-byte timeout', async () => {
    w.anthropicUp.behaviour.failWith = 429
    await catchAll(['claude', 'claude-sonnet-4-5'])
    expect((await ask().catch((e) => e)).status).toBe(429)

    w.ollamaUp.behaviour.delayMs = 1500
    await w.t.core.api.updateSettings({ upstreamFirstByteTimeoutMs: 200 })
    await catchAll(['local', 'qwen2.5-coder:7b'])
    const err = await ask().catch((e) => e)
    expect(err.status).toBe(504)
    expect(err.message).toMatch(/did not answer within 200 ms/)
  })

  it('passes an upstream 4xx through, translated to the client format, without fallback', async () => {
    await catchAll(['claude', 'claude-sonnet-4-5'], ['oai', 'gpt-4o'])
    const before = w.openaiUp.requests.length
    const err = await ask('please reject this').catch((e) => e)
    expect(err.status).toBe(400)
    expect(err.message).toMatch(/the fake refuses this request/)
    expect(err.type).toBe('invalid_request_error')
    expect(w.openaiUp.requests.length).toBe(before)

    const viaAnthropic = await w.anthropic.messages
      .create({
        model: 'm',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'reject this too' }],
      })
      .catch((e) => e)
    expect(viaAnthropic.status).toBe(400)
    expect(viaAnthropic.error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    })
  })

  it('ends a broken stream with an error event instead of falling back after the first byte', async () => {
    w.openaiUp.behaviour.breakAfter = 3
    w.openaiUp.behaviour.pieceDelayMs = 20
    await catchAll(['oai', 'gpt-4o'], ['local', 'qwen2.5-coder:7b'])
    const ollamaBefore = w.ollamaUp.requests.length
    const res = await fetch(w.t.url + '/v1/mux/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ stream: true, messages: [{ role: 'user', content: 'long answer' }] }),
    })
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toContain('Hello')
    expect(text).toMatch(/data: \{"error":\{"message":"the upstream stream broke off/)
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true)
    expect(w.ollamaUp.requests.length).toBe(ollamaBefore)
    const [entry] = await loggedRequests(w.t)
    expect(entry).toMatchObject({ status: 502, provider: 'oai' })
  })

  it('aborts the upstream request when the client disconnects', async () => {
    w.anthropicUp.behaviour.pieceDelayMs = 200
    await catchAll(['claude', 'claude-sonnet-4-5'])
    const controller = new AbortController()
    const stream = await w.openai.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'slow' }], stream: true },
      { signal: controller.signal },
    )
    for await (const _chunk of stream) {
      controller.abort()
      break
    }
    await expect(w.anthropicUp.aborted).resolves.toBeUndefined()
  })
})

describe('an upstream slow to start a stream', () => {
  // A stream's headers wait a moment to leave in one write with its first chunk, as a bare
  // pass-through's do; a client of a slow model still gets them, with the decision, at once.
  it('lets the client see the headers long before the first chunk', async () => {
    w.openaiUp.behaviour.firstPieceDelayMs = 1_500
    await catchAll(['oai', 'gpt-4o'])
    const started = performance.now()
    const res = await fetch(w.t.url + '/v1/mux/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'switchboard',
        stream: true,
        messages: [{ role: 'user', content: 'hello' }],
      }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-switchboard-provider')).toBe('oai')
    expect(performance.now() - started).toBeLessThan(1_000)
    const text = await res.text()
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_400)
    expect(text).toContain('echo: hello')
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true)
  })
})
