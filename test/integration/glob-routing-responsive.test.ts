import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

// A filename rule with nested `**` against a long path in the prompt used to hold the event loop
// for 9-15 s. The server must keep answering other requests while it routes such a prompt.

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.setRules({
    name: 'default',
    rules: [
      {
        kind: 'filename',
        pattern: '**/a/**/b/**/c/**/d.ts',
        target: { provider: 'claude', model: 'claude-sonnet-4-5' },
      },
    ],
  })
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
})
afterAll(() => w.close())

describe('routing a prompt with a long path against a nested glob', () => {
  it('routes it and keeps the event loop and the server responsive meanwhile', async () => {
    const nearMiss = 'src/' + 'a/b/c/'.repeat(80) + 'x.ts'
    let maxLagMs = 0
    let last = performance.now()
    const ticker = setInterval(() => {
      const now = performance.now()
      maxLagMs = Math.max(maxLagMs, now - last)
      last = now
    }, 5)
    try {
      const routed = Promise.all(
        [nearMiss, nearMiss.replace('x.ts', 'd.ts')].map((path) =>
          fetch(w.t.url + '/v1/mux/chat/completions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              model: 'gpt-4o',
              messages: [{ role: 'user', content: `Look at @${path} please` }],
            }),
          }),
        ),
      )
      const health = await fetch(w.t.url + '/health')
      expect(health.status).toBe(200)
      const [miss, hit] = await routed
      expect(miss.headers.get('x-switchboard-rule')).toBe('catch-all')
      expect(hit.headers.get('x-switchboard-rule')).toBe('filename "**/a/**/b/**/c/**/d.ts"')
    } finally {
      clearInterval(ticker)
    }
    // The backtracking matcher blocked for seconds; the automaton takes milliseconds.
    expect(maxLagMs).toBeLessThan(2_000)
  })
})
