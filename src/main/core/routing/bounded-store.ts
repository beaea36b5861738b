/** A map with a size bound (least recently used goes first) and an idle time-to-live. */
export interface BoundedStore<V> {
  /** The value, refreshed as recently used; undefined when absent or idle past the TTL. */
  get(key: string): V | undefined
  /** The value without refreshing it: for readers that must leave no trace (previews). */
  peek(key: string): V | undefined
  set(key: string, value: V): void
  delete(key: string): void
  clear(): void
  readonly size: number
}

/**
 * Routing state that outlives one request. O(1) per call: a Map iterates in insertion order, so
 * re-inserting on use keeps the least recently used entry first, where eviction takes it.
 */
export function createBoundedStore<V>(options: {
  maxEntries: number
  ttlMs: number
  now?: () => number
}): BoundedStore<V> {
  const { maxEntries, ttlMs, now = () => Date.now() } = options
  const entries = new Map<string, { value: V; usedAt: number }>()
  const live = (key: string) => {
    const hit = entries.get(key)
    if (!hit) return undefined
    if (now() - hit.usedAt > ttlMs) {
      entries.delete(key)
      return undefined
    }
    return hit
  }
  return {
    get(key) {
      const hit = live(key)
      if (!hit) return undefined
      entries.delete(key)
      entries.set(key, { value: hit.value, usedAt: now() })
      return hit.value
    },
    peek: (key) => live(key)?.value,
    set(key, value) {
      entries.delete(key)
      entries.set(key, { value, usedAt: now() })
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
    },
    delete: (key) => void entries.delete(key),
    clear: () => entries.clear(),
    get size() {
      return entries.size
    },
  }
}
