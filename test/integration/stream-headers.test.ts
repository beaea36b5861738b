import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

// A stream's headers wait a moment to leave in one write with its first chunk, as a bare
// pass-through's do; a client of an upstream slow to start still gets them, with the decision,
// almost at once.

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o' } },
  })
})
afterEach(() => {
  delete w.openaiUp.behaviour.firstPieceDelayMs
})
afterAll(() => w.close())

const body = JSON.stringify({
  model: 'switchboard',
  stream: true,
  messages: [{ role: 'user', content: 'hello' }],
})

describe('stream headers', () => {
  it('reach the client long before the first chunk of an upstream that is slow to start', async () => {
    w.openaiUp.behaviour.firstPieceDelayMs = 1_500
    const started = performance.now()
    const res = await fetch(w.t.url + '/v1/mux/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    const headersAfter = performance.now() - started
    expect(res.status).toBe(200)
    expect(res.headers.get('x-switchboard-provider')).toBe('oai')
    expect(headersAfter).toBeLessThan(1_000)
    const text = await res.text()
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_400)
    expect(text).toContain('echo: hello')
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true)
  })
})
