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

/** Round bucket widths, smallest first: a range gets the smallest that keeps the count readable. */
const BUCKET_SIZES_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * 60_000)

/** The bucket width that splits `spanMs` into at most `max` buckets. */
export function bucketSizeFor(spanMs: number, max = 60): number {
  return BUCKET_SIZES_MS.find((size) => spanMs / size <= max) ?? BUCKET_SIZES_MS.at(-1)!
}

/** Series over time in uPlot's aligned form: x in seconds, one array of values per model. */
export interface TimeSeries {
  xs: number[]
  /** `values[i][j]`: model `models[i]` at `xs[j]`; null where it has no point. */
  values: (number | null)[][]
}

/**
 * Tokens (in + out) per model in equal buckets from `from` to `to` (ms), every bucket present even
 * when empty, so a burst shows as a burst and quiet time as quiet.
 */
export function tokenBuckets(
  requests: RequestLogEntry[],
  models: string[],
  from: number,
  to: number,
  bucketMs: number,
): TimeSeries {
  const start = Math.floor(from / bucketMs) * bucketMs
  const count = Math.max(1, Math.ceil((to - start) / bucketMs))
  const xs = Array.from({ length: count }, (_, i) => (start + i * bucketMs) / 1000)
  const values = models.map(() => Array<number | null>(count).fill(0))
  for (const r of requests) {
    const bucket = Math.floor((Date.parse(r.at) - start) / bucketMs)
    const series = models.indexOf(modelKey(r))
    if (bucket < 0 || bucket >= count || series < 0) continue
    values[series]![bucket]! += (r.tokensIn ?? 0) + (r.tokensOut ?? 0)
  }
  return { xs, values }
}

/** Running totals from the last series down, so stacked bars drawn first-to-last show each model. */
export function stackSeries(values: (number | null)[][]): number[][] {
  const stacked = values.map((row) => row.map((v) => v ?? 0))
  for (let i = stacked.length - 2; i >= 0; i--)
    stacked[i] = stacked[i]!.map((v, j) => v + stacked[i + 1]![j]!)
  return stacked
}

/** Each request's latency as a point at its time, one series per model (oldest first). */
export function latencyPoints(requests: RequestLogEntry[], models: string[]): TimeSeries {
  const sorted = [...requests].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  return {
    xs: sorted.map((r) => Date.parse(r.at) / 1000),
    values: models.map((m) => sorted.map((r) => (modelKey(r) === m ? r.latencyMs : null))),
  }
}
