import type { Decision } from '../../../shared/activity.ts'
import { createBoundedStore } from './bounded-store.ts'

/** The decision of a turn, kept for the tool-loop requests that follow it. */
export interface HeldTurn {
  decision: Decision
  /** ISO time the turn's first request was decided. */
  decidedAt: string
  /** The rule cache version the decision was made under; a rules change makes it stale. */
  rulesVersion: number
}

/** Where resolveDecision keeps turns: the proxy recalls and remembers, previews only recall. */
export interface TurnMemory {
  recall(key: string): HeldTurn | undefined
  remember(key: string, turn: HeldTurn): void
}

// A turn lasts as long as its agent keeps calling; 30 idle minutes means the human moved on.
export const TURN_STORE_LIMITS = { maxEntries: 10_000, ttlMs: 30 * 60 * 1000 }

/** The turn store of the proxy: bounded by count (least recently used first) and idle time. */
export function createTurnStore(now?: () => number) {
  const store = createBoundedStore<HeldTurn>({ ...TURN_STORE_LIMITS, now })
  return {
    recall: (key: string) => store.get(key),
    remember: (key: string, turn: HeldTurn) => store.set(key, turn),
    /** A view that reads without refreshing or writing anything: for route previews. */
    readOnly: (): TurnMemory => ({ recall: (key) => store.peek(key), remember: () => {} }),
    get size() {
      return store.size
    },
  }
}

export type TurnStore = ReturnType<typeof createTurnStore>
