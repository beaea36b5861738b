import { createHash } from 'node:crypto'

export interface RememberedPersona {
  personaId: string | null
  score: number
  margin: number
  engine: string
}

const MAX_CONVERSATIONS = 2_000
const TTL_MS = 6 * 60 * 60 * 1000

/** Conversation → persona, so an agent loop keeps one model (and its prompt cache) for its task. */
export function createAffinityCache(now = () => Date.now()) {
  const entries = new Map<string, RememberedPersona & { at: number }>()
  const hash = (key: string) => createHash('sha1').update(key).digest('base64url')
  return {
    get(key: string): RememberedPersona | undefined {
      const h = hash(key)
      const hit = entries.get(h)
      if (!hit) return undefined
      if (now() - hit.at > TTL_MS) {
        entries.delete(h)
        return undefined
      }
      return hit
    },
    set(key: string, value: RememberedPersona): void {
      const h = hash(key)
      entries.delete(h)
      entries.set(h, { ...value, at: now() })
      // Maps iterate in insertion order: the first key is the least recently set.
      if (entries.size > MAX_CONVERSATIONS) entries.delete(entries.keys().next().value!)
    },
    clear: () => entries.clear(),
  }
}

export type AffinityCache = ReturnType<typeof createAffinityCache>
