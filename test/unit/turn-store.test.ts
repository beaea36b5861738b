import { describe, expect, it } from 'vitest'
import type { Decision } from '../../src/shared/activity.ts'
import { createBoundedStore } from '../../src/main/core/routing/bounded-store.ts'
import { createTurnStore, TURN_STORE_LIMITS } from '../../src/main/core/routing/turn-store.ts'

const clock = () => {
  let t = 1_000_000
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('the bounded store', () => {
  it('drops the least recently used entry past its bound; a read counts as use', () => {
    const s = createBoundedStore<number>({ maxEntries: 3, ttlMs: 60_000 })
    s.set('a', 1)
    s.set('b', 2)
    s.set('c', 3)
    expect(s.get('a')).toBe(1) // a is now the most recent
    s.set('d', 4)
    expect(s.size).toBe(3)
    expect(s.get('b')).toBeUndefined()
    expect([s.get('a'), s.get('c'), s.get('d')]).toEqual([1, 3, 4])
  })

  it('forgets an entry idle past the TTL, while one in use stays', () => {
    const c = clock()
    const s = createBoundedStore<string>({ maxEntries: 10, ttlMs: 1_000, now: c.now })
    s.set('busy', 'x')
    s.set('idle', 'y')
    for (let i = 0; i < 5; i++) {
      c.advance(600)
      expect(s.get('busy')).toBe('x')
    }
    expect(s.get('idle')).toBeUndefined()
    expect(s.size).toBe(1)
  })

  it('peek reads without refreshing: it neither saves an entry from eviction nor from the TTL', () => {
    const c = clock()
    const s = createBoundedStore<number>({ maxEntries: 2, ttlMs: 1_000, now: c.now })
    s.set('a', 1)
    s.set('b', 2)
    expect(s.peek('a')).toBe(1)
    s.set('c', 3)
    expect(s.peek('a')).toBeUndefined()
    c.advance(800)
    expect(s.peek('b')).toBe(2)
    c.advance(800)
    expect(s.peek('b')).toBeUndefined()
  })
})

const decision = (model: string): Decision => ({
  workspace: 'default',
  via: 'rules',
  rule: { id: 'catch-all', index: null, kind: 'catch-all', label: 'catch-all' },
  target: { provider: 'oai', model },
  fallbacks: [],
  requestType: 'chat',
  files: [],
  matchedFile: null,
  classification: null,
  group: null,
  turn: null,
  why: 'catch-all',
  decisionMs: 0.1,
})

describe('the turn store', () => {
  it('keeps 10,000 turns for 30 idle minutes', () => {
    expect(TURN_STORE_LIMITS).toEqual({ maxEntries: 10_000, ttlMs: 30 * 60 * 1000 })
    const c = clock()
    const turns = createTurnStore(c.now)
    for (let i = 0; i <= 10_000; i++) {
      turns.remember(`k${i}`, { decision: decision(`m${i}`), decidedAt: '', rulesVersion: 1 })
    }
    expect(turns.size).toBe(10_000)
    expect(turns.recall('k0')).toBeUndefined()
    expect(turns.recall('k10000')?.decision.target.model).toBe('m10000')
    c.advance(30 * 60 * 1000 + 1)
    expect(turns.recall('k5000')).toBeUndefined()
  })

  it('gives previews a view that reads and never writes', () => {
    const turns = createTurnStore()
    const view = turns.readOnly()
    view.remember('new', { decision: decision('x'), decidedAt: '', rulesVersion: 1 })
    expect(turns.size).toBe(0)
    turns.remember('k', { decision: decision('y'), decidedAt: 'at', rulesVersion: 1 })
    expect(view.recall('k')?.decidedAt).toBe('at')
  })
})
