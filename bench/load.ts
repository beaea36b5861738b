import type { Pool } from 'undici'

export interface LoadOptions {
  pool: Pool
  path: string
  body: string
  /** Sent with every request besides content-type (a peer's routing headers). */
  headers?: Record<string, string>
  concurrency: number
  /** Stop after this many requests in total... */
  maxRequests: number
  /** ...or after this long, whichever comes first. */
  maxMs: number
}

export interface LoadResult {
  requests: number
  errors: number
  elapsedMs: number
  /** Whole-request latencies (send until the body is read), ms. */
  latencies: number[]
  /** Time until the first body chunk, ms. */
  ttfb: number[]
}

/**
 * A closed loop: `concurrency` workers each send a request, read the whole answer, and send the
 * next, until the request count or the time cap is reached.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, errors: 0, elapsedMs: 0, latencies: [], ttfb: [] }
  const started = performance.now()
  const deadline = started + o.maxMs
  let issued = 0

  async function worker(): Promise<void> {
    while (issued < o.maxRequests && performance.now() < deadline) {
      issued++
      const t0 = performance.now()
      try {
        const { statusCode, body } = await o.pool.request({
          path: o.path,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...o.headers },
          body: o.body,
        })
        let first = 0
        for await (const _chunk of body) first ||= performance.now()
        if (statusCode !== 200) throw new Error(`HTTP ${statusCode}`)
        const t1 = performance.now()
        result.latencies.push(t1 - t0)
        result.ttfb.push((first || t1) - t0)
        result.requests++
      } catch {
        result.errors++
      }
    }
  }

  await Promise.all(Array.from({ length: o.concurrency }, worker))
  result.elapsedMs = performance.now() - started
  return result
}

/** The p-th percentile (0..100) by nearest rank; NaN for no samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}
