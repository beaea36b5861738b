/** Midnight UTC of the day `now` falls in, as an ISO string (spend caps count the day in UTC). */
export function utcDayStart(now: Date): string {
  return `${now.toISOString().slice(0, 10)}T00:00:00.000Z`
}

/** The next midnight UTC after `now`, as an ISO string. */
export function nextUtcMidnight(now: Date): string {
  const start = Date.parse(utcDayStart(now))
  return new Date(start + 86_400_000).toISOString()
}
