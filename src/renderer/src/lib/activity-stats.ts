import type { RequestLogEntry } from '../../../shared/activity.ts'

export interface ModelStats {
  model: string
  requests: number
  errors: number
  p50: number
  p95: number
  tokensIn: number
  tokensOut: number
}

/** The value at quantile q (0..1) of sorted numbers, nearest-rank. */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[Math.min(sorted.length, rank) - 1]!
}

export const modelKey = (r: RequestLogEntry) =>
  r.provider && r.model ? `${r.provider}/${r.model}` : (r.model ?? 'unrouted')

/** Requests, errors, latency p50/p95 and tokens per model, busiest first. */
export function statsByModel(requests: RequestLogEntry[]): ModelStats[] {
  const groups = new Map<string, RequestLogEntry[]>()
  for (const r of requests) groups.set(modelKey(r), [...(groups.get(modelKey(r)) ?? []), r])
  return [...groups.entries()]
    .map(([model, rs]) => {
      const latencies = rs.map((r) => r.latencyMs).sort((a, b) => a - b)
      return {
        model,
        requests: rs.length,
        errors: rs.filter((r) => r.status >= 400).length,
        p50: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        tokensIn: rs.reduce((n, r) => n + (r.tokensIn ?? 0), 0),
        tokensOut: rs.reduce((n, r) => n + (r.tokensOut ?? 0), 0),
      }
    })
    .sort((a, b) => b.requests - a.requests || a.model.localeCompare(b.model))
}

export interface TimeBucket {
  start: number
  /** Tokens (in + out) per model in this bucket. */
  byModel: Record<string, number>
}

/** Tokens per model in `count` equal time buckets spanning the requests (oldest first). */
export function tokensOverTime(requests: RequestLogEntry[], count = 12): TimeBucket[] {
  if (!requests.length) return []
  const times = requests.map((r) => Date.parse(r.at))
  const from = Math.min(...times)
  const to = Math.max(...times)
  const width = Math.max(60_000, Math.ceil((to - from + 1) / count))
  const buckets: TimeBucket[] = Array.from({ length: count }, (_, i) => ({
    start: from + i * width,
    byModel: {},
  }))
  requests.forEach((r, i) => {
    const b = buckets[Math.min(count - 1, Math.floor((times[i]! - from) / width))]!
    const key = modelKey(r)
    b.byModel[key] = (b.byModel[key] ?? 0) + (r.tokensIn ?? 0) + (r.tokensOut ?? 0)
  })
  // Drop empty trailing buckets when the span was shorter than count minutes.
  while (buckets.length > 1 && buckets.at(-1)!.start > to) buckets.pop()
  return buckets
}
