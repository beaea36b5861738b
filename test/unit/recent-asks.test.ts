import { describe, expect, it } from 'vitest'
import type { Classification } from '../../src/shared/activity.ts'
import { createRecentAsks } from '../../src/main/core/personas/recent-asks.ts'

const classification = (): Classification => ({
  personaId: 'p',
  personaName: 'P',
  score: 0.5,
  margin: 0.5,
  engine: 'lexical',
  source: 'classifier',
  ms: 1,
  error: null,
})

describe('recent asks', () => {
  it('keeps the classified ask under the request id, and nothing for unclassified requests', () => {
    const asks = createRecentAsks()
    const c = classification()
    asks.noteClassified(c, 'why is this slow')
    asks.keep(7, c)
    asks.keep(8, null)
    asks.keep(9, classification())
    expect(asks.get(7)).toBe('why is this slow')
    expect(asks.get(8)).toBeUndefined()
    expect(asks.get(9)).toBeUndefined()
  })

  it('forgets the oldest beyond its size and anything older than its time to live', () => {
    let now = 0
    const asks = createRecentAsks({ maxRequests: 2, ttlMs: 1_000, now: () => now })
    for (const id of [1, 2, 3]) {
      const c = classification()
      asks.noteClassified(c, `ask ${id}`)
      asks.keep(id, c)
      now += 400
    }
    expect([asks.get(1), asks.get(2), asks.get(3)]).toEqual([undefined, 'ask 2', 'ask 3'])
    now = 400 + 1_001
    expect([asks.get(2), asks.get(3)]).toEqual([undefined, 'ask 3'])
  })

  it('never holds more than the ask budget of a text', () => {
    const asks = createRecentAsks()
    const c = classification()
    asks.noteClassified(c, 'x'.repeat(10_000) + 'the end')
    asks.keep(1, c)
    expect(asks.get(1)).toHaveLength(2_000)
    expect(asks.get(1)!.endsWith('the end')).toBe(true)
  })
})
