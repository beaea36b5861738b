/** The Activity page's time ranges. */
export type RangeKey = 'hour' | 'day' | 'week' | 'custom'

export const RANGE_LABELS: Record<RangeKey, string> = {
  hour: 'Last hour',
  day: 'Last 24 hours',
  week: 'Last 7 days',
  custom: 'Custom range',
}

const SPAN_MS: Record<Exclude<RangeKey, 'custom'>, number> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
}

/**
 * The ISO bounds of a range at `now`; a custom range takes `datetime-local` values (local time),
 * either of which may be empty (open).
 */
export function rangeBounds(
  range: RangeKey,
  custom: { from: string; to: string },
  now = Date.now(),
): { from?: string; to?: string } {
  if (range !== 'custom') return { from: new Date(now - SPAN_MS[range]).toISOString() }
  const iso = (local: string) => {
    const ms = local ? Date.parse(local) : NaN
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
  }
  return { from: iso(custom.from), to: iso(custom.to) }
}
