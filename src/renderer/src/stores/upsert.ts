/** Replaces the item with the same key, or appends it; keeps the list order otherwise. */
export function upsert<T>(list: T[], item: T, key: (t: T) => string): T[] {
  const k = key(item)
  const i = list.findIndex((x) => key(x) === k)
  if (i < 0) return [...list, item]
  const next = list.slice()
  next[i] = item
  return next
}
