import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '../../src/main/core/mux/read-body.ts'
import { startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

// Oversized, deeply nested or oddly encoded requests get a clear 4xx JSON error, never a reset
// or a 500.

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
})
afterAll(() => w.close())

const chat = (body: RequestInit['body'], init: RequestInit = {}) =>
  fetch(w.t.url + '/v1/mux/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    ...init,
  })

describe('a body over the size limit', () => {
  const oversized = () =>
    JSON.stringify({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x'.repeat(MAX_BODY_BYTES) }],
    })

  it('answers 413 JSON when Content-Length says so', async () => {
    const res = await chat(oversized())
    expect(res.status).toBe(413)
    expect((await res.json()).error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringMatching(/larger than 32 MiB/),
    })
    expect(w.openaiUp.requests).toHaveLength(0)
  })

  it('answers 413 JSON when a chunked body grows past the limit', async () => {
    const text = new TextEncoder().encode(oversized())
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < text.length; i += 1 << 20)
          controller.enqueue(text.slice(i, i + (1 << 20)))
        controller.close()
      },
    })
    const res = await chat(body, { duplex: 'half' } as RequestInit)
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('payload_too_large')
  })

  it('answers 413 on the management API too', async () => {
    const res = await w.t.api('/route-preview', {
      method: 'POST',
      body: JSON.stringify({ body: { messages: [], pad: 'x'.repeat(MAX_BODY_BYTES) } }),
    })
    expect(res.status).toBe(413)
  })
})

describe('JSON nested 100,000 deep', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000)

  it('answers 400 naming the nesting on the proxy', async () => {
    const res = await chat(
      `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"metadata":${deep}}`,
    )
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(/more than 512 levels deep/)
    // And the server is fine afterwards.
    const ok = await chat(
      JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'still there?' }] }),
    )
    expect(ok.status).toBe(200)
  })

  it('answers 400 naming the nesting on the Anthropic route, in its format', async () => {
    const res = await fetch(w.t.url + '/v1/mux/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{"x":${deep}}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]}`,
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: expect.stringMatching(/more than 512 levels deep/),
      },
    })
  })

  it('answers 400 on the management API too', async () => {
    const res = await w.t.api('/route-preview', {
      method: 'POST',
      body: `{"body":{"messages":[{"role":"user","content":"hi"}],"x":${deep}}}`,
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(/more than 512 levels deep/)
  })

  it('counts only brackets outside strings, so prompts full of code are fine', async () => {
    const code = '"[[[[{{{{'.repeat(2_000) + '\\'
    const res = await chat(
      JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: code }] }),
    )
    expect(res.status).toBe(200)
  })
})

describe('paths and fields', () => {
  it('answers 400 for invalid percent-encoding in an API path', async () => {
    const res = await w.t.api('/providers/%E0%A4%A')
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatchObject({
      param: 'id',
      message: expect.stringMatching(/"%E0%A4%A" is not valid percent-encoding/),
    })
  })

  it('refuses an unknown settings field, naming it, and changes nothing', async () => {
    const before = await w.t.core.api.getSettings({})
    const res = await w.t.api('/settings', {
      method: 'PATCH',
      body: JSON.stringify({ port: 9999, upstreamFirstByteTimeout: 5000 }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatchObject({
      param: 'upstreamFirstByteTimeout',
      message: expect.stringMatching(/Unknown field "upstreamFirstByteTimeout"/),
    })
    expect(await w.t.core.api.getSettings({})).toEqual(before)
  })

  it.each([
    ['PATCH', '/providers/oai', { name: 'x', endpoit: 'http://typo' }, 'endpoit'],
    ['PATCH', '/workspaces/default', { newName: 'w2', colour: 'red' }, 'colour'],
    ['PUT', '/workspaces/default/rules', { rules: [], rule: [] }, 'rule'],
    ['PUT', '/workspaces/default/catch-all', { catchAll: null, fallback: [] }, 'fallback'],
    ['PUT', '/models/active', { engine: 'embedding', id: null, model: 'x' }, 'model'],
    ['PUT', '/workspaces/default/options', { holdDecisionForTurn: true, hold: 1 }, 'hold'],
  ])('refuses an unknown field in %s %s', async (method, path, body, field) => {
    const res = await w.t.api(path, { method, body: JSON.stringify(body) })
    expect(res.status).toBe(400)
    expect((await res.json()).error.param).toBe(field)
  })
})

describe('block types that name a property every object has', () => {
  // A block typed "constructor" once reached Object.prototype.constructor as its checker and
  // answered 500. Unknown block types pass through like any newer type; Responses items of an
  // unknown type are refused with a 400 naming them, as before.
  const send = (path: string, body: Record<string, unknown>) =>
    fetch(w.t.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'oai/gpt-4o-mini', ...body }),
    })
  const parts = (type: string) => [{ type }, { type: 'text', text: 'hi' }]

  it('passes a chat content part typed "constructor" through', async () => {
    const res = await send('/v1/mux/chat/completions', {
      messages: [{ role: 'user', content: parts('constructor') }],
    })
    expect(res.status).toBe(200)
  })

  it('passes an Anthropic block typed "toString" through', async () => {
    const res = await send('/v1/mux/v1/messages', {
      max_tokens: 64,
      messages: [{ role: 'user', content: parts('toString') }],
    })
    expect(res.status).toBe(200)
  })

  it('refuses a Responses item typed "hasOwnProperty" with a 400 naming it', async () => {
    const res = await send('/v1/mux/responses', {
      input: [{ type: 'hasOwnProperty' }, { role: 'user', content: 'hi' }],
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.param).toBe('input[0].type')
  })

  it('refuses an Anthropic system block typed "constructor" with a 400 naming it', async () => {
    const res = await send('/v1/mux/v1/messages', {
      max_tokens: 64,
      system: [{ type: 'constructor' }],
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(res.status).toBe(400)
    // Anthropic's error body has no param; the message names the field.
    expect((await res.json()).error.message).toMatch(
      /^Invalid "system\[0\]\.type": expected a text block/,
    )
  })
})
