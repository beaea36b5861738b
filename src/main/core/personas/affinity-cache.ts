import { createHash } from 'node:crypto'
import { createBoundedStore } from '../routing/bounded-store.ts'

export interface RememberedPersona {
  personaId: string | null
  score: number
  margin: number
  engine: string
}

const LIMITS = { maxEntries: 2_000, ttlMs: 6 * 60 * 60 * 1000 }

/** Conversation → persona, so an agent loop keeps one model (and its prompt cache) for its task. */
export function createAffinityCache(now?: () => number) {
  const store = createBoundedStore<RememberedPersona>({ ...LIMITS, now })
  // Conversation keys are long prompt text: keep a hash, not the text.
  const hash = (key: string) => createHash('sha1').update(key).digest('base64url')
  return {
    get: (key: string): RememberedPersona | undefined => store.get(hash(key)),
    set: (key: string, value: RememberedPersona): void => store.set(hash(key), value),
    clear: () => store.clear(),
    /** A view for route previews: reads without refreshing, never remembers. */
    readOnly: (): AffinityView => ({ get: (key) => store.peek(hash(key)), set: () => {} }),
  }
}

/** What the classifier needs of the affinity cache. */
export interface AffinityView {
  get(key: string): RememberedPersona | undefined
  set(key: string, value: RememberedPersona): void
}

export type AffinityCache = ReturnType<typeof createAffinityCache>
