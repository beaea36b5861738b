import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

// A client that gives up before the provider's first byte is not a provider failure: the log
// says 499 "client closed the connection", not 502.

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o' } },
  })
})
afterAll(() => w.close())

describe('a client abort before the first byte', () => {
  it('is logged as 499, client closed the connection', async () => {
    w.openaiUp.behaviour.delayMs = 1_500
    const controller = new AbortController()
    const asked = w.openai.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'slow to start' }] },
      { signal: controller.signal },
    )
    // Abort once the upstream has the request, before it answers anything.
    for (let i = 0; i < 200 && w.openaiUp.requests.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10))
    controller.abort()
    await expect(asked).rejects.toThrow()
    await expect(w.openaiUp.aborted).resolves.toBeUndefined()
    let entry
    for (let i = 0; i < 100 && !entry; i++) {
      entry = (await loggedRequests(w.t)).find((e) => e.requestedModel === 'm')
      if (!entry) await new Promise((r) => setTimeout(r, 20))
    }
    expect(entry).toMatchObject({ status: 499, error: 'client closed the connection' })
  })
})
