import { utcDayStart } from '../keys/utc-day.ts'

/**
 * Today's spend (UTC day) per id, read from the log once and kept current from its batches, so a
 * spend cap check on the hot path is a map lookup.
 */
export function createDailySpend(load: (dayStart: string) => Map<string, number>, now: () => Date) {
  let day = utcDayStart(now())
  let spent = load(day)
  const rollOver = () => {
    const today = utcDayStart(now())
    if (today !== day) {
      day = today
      spent = new Map()
    }
  }
  return {
    /** Adds a logged request's cost, when it falls on today. */
    add(id: string, costUsd: number, at: string): void {
      rollOver()
      if (at < day) return
      spent.set(id, (spent.get(id) ?? 0) + costUsd)
    },
    /** What `id` has spent today, in USD. */
    today(id: string): number {
      rollOver()
      return spent.get(id) ?? 0
    },
  }
}
