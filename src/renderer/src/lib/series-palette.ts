/** How many distinct series colours the theme defines (`--series-0` … `--series-9`). */
export const SERIES_COUNT = 10

/** FNV-1a: a small, stable hash of a name. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/**
 * A palette slot per series name: a name's slot comes from its hash, so a model keeps its colour
 * from one view to the next, and no two names share a slot while free slots remain.
 */
export function assignSeriesSlots(names: string[]): Map<string, number> {
  const slots = new Map<string, number>()
  const taken = new Set<number>()
  for (const name of [...new Set(names)].sort()) {
    let slot = hash(name) % SERIES_COUNT
    if (taken.size < SERIES_COUNT) while (taken.has(slot)) slot = (slot + 1) % SERIES_COUNT
    taken.add(slot)
    slots.set(name, slot)
  }
  return slots
}

/** The CSS colour of a slot; it follows the light or dark theme. */
export const seriesColor = (slot: number) => `var(--series-${slot})`
