import type { ActivitySummary, SpendSlice } from '../../../shared/activity.ts'
import type { Target } from '../../../shared/schemas.ts'
import { isPaid, priceUsage, type PriceOf } from './cost.ts'
import type { RequestLog, SpendRow } from './request-log.ts'

export interface ActivitySummaryDeps {
  log: Pick<RequestLog, 'spendRows'>
  priceOf: PriceOf
  now?: () => Date
}

const WEEK_MS = 7 * 86_400_000

const emptySlice = (): SpendSlice => ({
  requests: 0,
  tokensIn: 0,
  tokensOut: 0,
  costUsd: 0,
  unpricedRequests: 0,
})

function addTo(slice: SpendSlice, row: SpendRow): void {
  slice.requests += row.requests
  slice.tokensIn += row.tokensIn
  slice.tokensOut += row.tokensOut
  slice.costUsd += row.costUsd
  slice.unpricedRequests += row.unpricedRequests
}

/** Slices keyed by `key`, most expensive first (then busiest). */
function sliceBy<K extends string | null, E>(
  rows: SpendRow[],
  key: (row: SpendRow) => K,
  extra: (row: SpendRow) => E,
): (SpendSlice & E)[] {
  const slices = new Map<K, SpendSlice & E>()
  for (const row of rows) {
    const k = key(row)
    let slice = slices.get(k)
    if (!slice) slices.set(k, (slice = { ...emptySlice(), ...extra(row) }))
    addTo(slice, row)
  }
  return [...slices.values()].sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests)
}

/**
 * What the requests of a range cost, and what routing saved: the priced requests' cost against what
 * the same tokens would have cost on the paid model used in the range that prices them highest.
 */
export function createActivitySummary(deps: ActivitySummaryDeps) {
  const now = deps.now ?? (() => new Date())
  return function summarize(q: {
    from?: string
    to?: string
    workspace?: string
  }): ActivitySummary {
    const to = q.to ? new Date(q.to).toISOString() : now().toISOString()
    const from = q.from
      ? new Date(q.from).toISOString()
      : new Date(Date.parse(to) - WEEK_MS).toISOString()
    const rows = deps.log.spendRows({ from, to, workspace: q.workspace })
    const totals = emptySlice()
    for (const row of rows) addTo(totals, row)
    const byModel = sliceBy(
      rows.filter((r) => r.model !== null),
      (r) => `${r.provider ?? ''}/${r.model}`,
      (r) => ({ provider: r.provider, model: r.model! }),
    )
    const byWorkspace = sliceBy(
      rows,
      (r) => r.workspace,
      (r) => ({ workspace: r.workspace }),
    )
    const byDay = sliceBy(
      rows,
      (r) => r.day,
      (r) => ({ day: r.day }),
    ).sort((a, b) => a.day.localeCompare(b.day))
    return {
      from,
      to,
      workspace: q.workspace ?? null,
      totals,
      byModel,
      byWorkspace,
      byDay,
      savings: savings(rows),
    }
  }

  function savings(rows: SpendRow[]): ActivitySummary['savings'] {
    const priced = rows.filter((r) => r.pricedRequests > 0)
    const usage = {
      input: sum(priced, (r) => r.pricedTokensIn),
      output: sum(priced, (r) => r.pricedTokensOut),
      cacheRead: sum(priced, (r) => r.pricedTokensCached),
    }
    // Pricing is linear in tokens, so the range's summed usage prices the same as each request's.
    let reference: { target: Target; costUsd: number } | null = null
    const seen = new Set<string>()
    for (const row of priced) {
      if (!row.provider || !row.model) continue
      const target = { provider: row.provider, model: row.model }
      const key = `${target.provider}/${target.model}`
      if (seen.has(key)) continue
      seen.add(key)
      const price = deps.priceOf(target)
      if (!isPaid(price)) continue
      const costUsd = priceUsage(price!, usage)
      if (!reference || costUsd > reference.costUsd) reference = { target, costUsd }
    }
    if (!reference) return null
    const actualCostUsd = sum(priced, (r) => r.costUsd)
    return {
      reference: reference.target,
      referenceCostUsd: reference.costUsd,
      actualCostUsd,
      savedUsd: reference.costUsd - actualCostUsd,
      requests: sum(priced, (r) => r.pricedRequests),
    }
  }
}

const sum = (rows: SpendRow[], pick: (r: SpendRow) => number) =>
  rows.reduce((n, r) => n + pick(r), 0)

export type ActivitySummarizer = ReturnType<typeof createActivitySummary>
