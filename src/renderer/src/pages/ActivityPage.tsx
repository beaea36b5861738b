import { useCallback, useMemo, useState } from 'react'
import { ActivityFilterBar } from '../components/ActivityFilterBar.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { LatencyChart } from '../components/LatencyChart.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { RequestRow } from '../components/RequestRow.tsx'
import { SpendSummary } from '../components/SpendSummary.tsx'
import { TokensChart } from '../components/TokensChart.tsx'
import { statsByModel } from '../lib/activity-stats.ts'
import { formatMs } from '../lib/format.ts'
import { assignSeriesSlots, seriesColor } from '../lib/series-palette.ts'
import { rangeBounds } from '../lib/time-range.ts'
import { useAction } from '../lib/use-action.ts'
import { defaultFilters, useActivity, type ActivityFilters } from '../stores/activity.ts'
import { useProviders } from '../stores/providers.ts'
import { useWorkspaces } from '../stores/workspaces.ts'

const SYNC_KEY = 'activity-time'

export function ActivityPage() {
  const { requests, summary, filters, nextBefore, setFilters, loadMore, clear } = useActivity()
  const workspaces = useWorkspaces((s) => s.workspaces)
  const providers = useProviders((s) => s.providers)
  const [expanded, setExpanded] = useState<number | null>(null)
  const [confirming, setConfirming] = useState(false)
  const filtering = useAction(setFilters)
  const more = useAction(loadMore)

  const stats = useMemo(() => statsByModel(requests), [requests])
  const models = useMemo(() => stats.map((s) => s.model), [stats])
  // One colour per model across the page: the charts, the spend table and the legend agree.
  const slots = useMemo(
    () =>
      assignSeriesSlots([
        ...models,
        ...(summary?.byModel.map((m) => (m.provider ? `${m.provider}/${m.model}` : m.model)) ?? []),
      ]),
    [models, summary],
  )
  const slotOf = useCallback((m: string) => slots.get(m) ?? 0, [slots])
  const span = useMemo(() => {
    const { from, to } = rangeBounds(filters.range, {
      from: filters.customFrom,
      to: filters.customTo,
    })
    const times = requests.map((r) => Date.parse(r.at))
    const end = to ? Date.parse(to) : Date.now()
    const start = from ? Date.parse(from) : Math.min(end - 3_600_000, ...times)
    return { from: start, to: end }
    // Recomputed as requests arrive, so "now" moves with them.
  }, [filters, requests])
  const modelOptions = [...new Set(providers.flatMap((p) => p.models.map((m) => m.id)))].sort()
  const filtered = (Object.keys(defaultFilters) as (keyof ActivityFilters)[]).some(
    (k) => k !== 'range' && filters[k] !== defaultFilters[k],
  )
  const set = useCallback(
    (patch: Partial<ActivityFilters>) => void filtering.run(patch),
    [filtering.run],
  )

  return (
    <div className="page">
      <PageHead
        title="Activity"
        description="Every request through the proxy: where it went, why, how long it took and what it cost."
        actions={
          <button
            type="button"
            className="danger"
            disabled={requests.length === 0 && !filtered}
            onClick={() => setConfirming(true)}
          >
            Clear log
          </button>
        }
      />
      <ActivityFilterBar
        filters={filters}
        workspaces={workspaces.map((w) => w.name)}
        models={modelOptions}
        onChange={set}
      />
      <ErrorNote error={filtering.error} />

      {summary && summary.totals.requests > 0 && <SpendSummary summary={summary} slotOf={slotOf} />}

      {requests.length === 0 ? (
        <EmptyState title={filtered ? 'No requests match these filters' : 'No requests yet'}>
          {filtered
            ? 'Change or clear the filters above, or pick a longer time range.'
            : 'Point a client at the endpoint on the Overview page; requests appear here live.'}
        </EmptyState>
      ) : (
        <>
          <section className="panel" aria-labelledby="over-time">
            <div className="panel-head">
              <h2 id="over-time">Tokens and latency over time</h2>
              <div className="legend" aria-label="Models">
                {models.map((m) => (
                  <span key={m}>
                    <i style={{ background: seriesColor(slotOf(m)) }} />
                    {m}
                  </span>
                ))}
              </div>
            </div>
            <h3 className="chart-title">Tokens per model</h3>
            <TokensChart
              requests={requests}
              models={models}
              slotOf={slotOf}
              from={span.from}
              to={span.to}
              syncKey={SYNC_KEY}
            />
            <h3 className="chart-title">Latency of each request</h3>
            <LatencyChart
              requests={requests}
              models={models}
              slotOf={slotOf}
              from={span.from}
              to={span.to}
              syncKey={SYNC_KEY}
            />
            <table aria-label="Requests and latency per model">
              <thead>
                <tr>
                  <th>Model</th>
                  <th className="num">Requests</th>
                  <th className="num">Failed</th>
                  <th className="num">Latency p50</th>
                  <th className="num">p95</th>
                </tr>
              </thead>
              <tbody>
                {stats.map((s) => (
                  <tr key={s.model}>
                    <td className="mono">
                      <i className="swatch" style={{ background: seriesColor(slotOf(s.model)) }} />
                      {s.model}
                    </td>
                    <td className="num">{s.requests}</td>
                    <td className="num">{s.errors || '—'}</td>
                    <td className="num">{formatMs(s.p50)}</td>
                    <td className="num">{formatMs(s.p95)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">
              Charts and this table cover the {requests.length} requests loaded below; spend covers
              the whole range.
            </p>
          </section>
          <section className="panel" aria-labelledby="log">
            <h2 id="log">Requests</h2>
            <table aria-label="Request log">
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Client</th>
                  <th>Workspace</th>
                  <th>Model</th>
                  <th>Rule</th>
                  <th className="num">Latency</th>
                  <th className="num">Tokens</th>
                  <th className="num">Cost</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <RequestRow
                    key={r.id}
                    entry={r}
                    expanded={expanded === r.id}
                    onToggle={() => setExpanded(expanded === r.id ? null : r.id)}
                  />
                ))}
              </tbody>
            </table>
            {nextBefore !== null && (
              <button type="button" onClick={() => void more.run()} disabled={more.pending}>
                Load older requests
              </button>
            )}
            <ErrorNote error={more.error} />
          </section>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Clear the request log?"
        confirmLabel="Clear log"
        onConfirm={clear}
        onClose={() => setConfirming(false)}
      >
        Every logged request is deleted, in all workspaces, with any kept bodies. Routing is not
        affected.
      </ConfirmDialog>
    </div>
  )
}
