import { useMemo, useState } from 'react'
import { BarChart } from '../components/BarChart.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { RequestRow } from '../components/RequestRow.tsx'
import { TokensChart } from '../components/TokensChart.tsx'
import { statsByModel, tokensOverTime } from '../lib/activity-stats.ts'
import { chartColor } from '../lib/chart-colors.ts'
import { formatMs } from '../lib/format.ts'
import { useAction } from '../lib/use-action.ts'
import { useActivity, type ActivityFilters } from '../stores/activity.ts'
import { useProviders } from '../stores/providers.ts'
import { useWorkspaces } from '../stores/workspaces.ts'

export function ActivityPage() {
  const { requests, filters, nextBefore, setFilters, loadMore, clear } = useActivity()
  const workspaces = useWorkspaces((s) => s.workspaces)
  const providers = useProviders((s) => s.providers)
  const [expanded, setExpanded] = useState<number | null>(null)
  const [confirming, setConfirming] = useState(false)
  const filtering = useAction(setFilters)
  const more = useAction(loadMore)

  const stats = useMemo(() => statsByModel(requests), [requests])
  const buckets = useMemo(() => tokensOverTime(requests), [requests])
  const models = stats.map((s) => s.model)
  const colorOf = (m: string) => chartColor(Math.max(0, models.indexOf(m)))
  const modelOptions = [...new Set(providers.flatMap((p) => p.models.map((m) => m.id)))].sort()
  const filtered = filters.workspace || filters.model || filters.status
  const set = (patch: Partial<ActivityFilters>) => void filtering.run(patch)

  return (
    <div className="page">
      <PageHead
        title="Activity"
        description="Every request through the proxy: where it went, why, and how long it took."
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
      <div className="row" role="group" aria-label="Filters">
        <select
          className="inline-select"
          aria-label="Workspace filter"
          value={filters.workspace}
          onChange={(e) => set({ workspace: e.target.value })}
        >
          <option value="">All workspaces</option>
          {workspaces.map((w) => (
            <option key={w.id} value={w.name}>
              {w.name}
            </option>
          ))}
        </select>
        <select
          className="inline-select"
          aria-label="Model filter"
          value={filters.model}
          onChange={(e) => set({ model: e.target.value })}
        >
          <option value="">All models</option>
          {modelOptions.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select
          className="inline-select"
          aria-label="Status filter"
          value={filters.status}
          onChange={(e) => set({ status: e.target.value as ActivityFilters['status'] })}
        >
          <option value="">Any status</option>
          <option value="ok">Succeeded</option>
          <option value="error">Failed</option>
        </select>
      </div>
      <ErrorNote error={filtering.error} />

      {requests.length === 0 ? (
        <EmptyState title={filtered ? 'No requests match these filters' : 'No requests yet'}>
          {filtered
            ? 'Change or clear the filters above.'
            : 'Point a client at the endpoint on the Overview page; requests appear here live.'}
        </EmptyState>
      ) : (
        <>
          <div className="grid-2">
            <section className="panel" aria-labelledby="per-model">
              <h2 id="per-model">Requests per model</h2>
              <BarChart
                title="Requests per model"
                bars={stats.map((s) => ({ label: s.model, value: s.requests }))}
                format={(v) => String(v)}
                colorOf={colorOf}
              />
            </section>
            <section className="panel" aria-labelledby="latency">
              <h2 id="latency">Latency p50 / p95</h2>
              <BarChart
                title="Latency p50 and p95 per model"
                bars={stats.map((s) => ({ label: s.model, value: s.p50, back: s.p95 }))}
                format={formatMs}
                colorOf={colorOf}
              />
            </section>
          </div>
          <section className="panel" aria-labelledby="tokens">
            <div className="panel-head">
              <h2 id="tokens">Tokens per model over time</h2>
              <div className="legend">
                {models.map((m) => (
                  <span key={m}>
                    <i style={{ background: colorOf(m) }} />
                    {m}
                  </span>
                ))}
              </div>
            </div>
            <TokensChart buckets={buckets} models={models} colorOf={colorOf} />
            <p className="muted small">Charts cover the {requests.length} requests loaded below.</p>
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
        Every logged request is deleted, in all workspaces. Routing is not affected.
      </ConfirmDialog>
    </div>
  )
}
