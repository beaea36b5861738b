// The text the persona classifier read for recent requests, in memory only: the request log never
// stores prompt text, yet a correction made from the Activity page needs the ask to learn from.
import type { Classification } from '../../../shared/activity.ts'
import { ASK_CHAR_BUDGET } from './human-ask.ts'

export interface RecentAsksOptions {
  /** Requests remembered; the oldest is forgotten first. */
  maxRequests?: number
  /** How long an ask is kept after its request. */
  ttlMs?: number
  now?: () => number
}

export const RECENT_ASKS_MAX = 1_000
export const RECENT_ASKS_TTL_MS = 24 * 60 * 60 * 1000

/**
 * Two steps, because the log id is assigned after the decision: the classifier notes the text of
 * each classification it returns (held only as long as that classification object lives), and the
 * proxy keeps it under the request's log id once the request is logged.
 */
export function createRecentAsks(options: RecentAsksOptions = {}) {
  const max = options.maxRequests ?? RECENT_ASKS_MAX
  const ttl = options.ttlMs ?? RECENT_ASKS_TTL_MS
  const now = options.now ?? Date.now
  const classified = new WeakMap<Classification, string>()
  const byRequest = new Map<number, { text: string; at: number }>()

  function expire(): void {
    // Insertion order is time order: stop at the first entry still young enough.
    for (const [id, entry] of byRequest) {
      if (now() - entry.at <= ttl) break
      byRequest.delete(id)
    }
  }

  return {
    /** Remembers which text produced a classification (until the classification is dropped). */
    noteClassified(classification: Classification, text: string): void {
      classified.set(classification, text.slice(-ASK_CHAR_BUDGET))
    },
    /** Keeps the ask behind a logged request's classification under its log id. */
    keep(requestId: number, classification: Classification | null): void {
      const text = classification && classified.get(classification)
      if (!text) return
      expire()
      byRequest.set(requestId, { text, at: now() })
      if (byRequest.size > max) byRequest.delete(byRequest.keys().next().value!)
    },
    /** The ask of a logged request, or undefined once it is too old or was pushed out. */
    get(requestId: number): string | undefined {
      expire()
      return byRequest.get(requestId)?.text
    },
    clear: () => byRequest.clear(),
  }
}

export type RecentAsks = ReturnType<typeof createRecentAsks>
