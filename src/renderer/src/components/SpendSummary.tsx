import type { ActivitySummary } from '../../../shared/activity.ts'
import { target } from '../lib/format.ts'
import { formatUsd } from '../lib/money.ts'
import { seriesColor } from '../lib/series-palette.ts'

interface Props {
  summary: ActivitySummary
  slotOf(model: string): number
}

const count = (n: number) => n.toLocaleString()
const unpriced = (n: number) => (n > 0 ? ` (${n} without a price)` : '')

/** What the range cost, what routing saved, and spend per model, workspace and day. */
export function SpendSummary({ summary: s, slotOf }: Props) {
  const saved = s.savings
  const share =
    saved && saved.referenceCostUsd > 0
      ? Math.round((saved.savedUsd / saved.referenceCostUsd) * 100)
      : null
  return (
    <section className="panel" aria-labelledby="spend">
      <h2 id="spend">Spend</h2>
      <div className="spend-figures">
        <div className="spend-figure" data-testid="spend-total">
          <span className="muted small">Spent</span>
          <strong>{formatUsd(s.totals.costUsd)}</strong>
          <span className="muted small">
            {count(s.totals.requests)} requests{unpriced(s.totals.unpricedRequests)}
          </span>
        </div>
        <div className="spend-figure" data-testid="spend-saved">
          <span className="muted small">Saved</span>
          {saved ? (
            <>
              <strong>
                {formatUsd(saved.savedUsd)}
                {share !== null && <span className="muted"> ({share}%)</span>}
              </strong>
              <span className="muted small">
                versus sending everything to <span className="mono">{target(saved.reference)}</span>{' '}
                ({formatUsd(saved.referenceCostUsd)})
              </span>
            </>
          ) : (
            <>
              <strong>—</strong>
              <span className="muted small">No priced model used in this range.</span>
            </>
          )}
        </div>
      </div>
      <div className="spend-tables">
        <table aria-label="Spend per model">
          <thead>
            <tr>
              <th>Model</th>
              <th className="num">Requests</th>
              <th className="num">Tokens</th>
              <th className="num">Cost</th>
            </tr>
          </thead>
          <tbody>
            {s.byModel.map((m) => {
              const name = target(m)
              return (
                <tr key={name}>
                  <td className="mono">
                    <i className="swatch" style={{ background: seriesColor(slotOf(name)) }} />
                    {name}
                  </td>
                  <td className="num">{count(m.requests)}</td>
                  <td className="num">{count(m.tokensIn + m.tokensOut)}</td>
                  <td className="num">
                    {m.unpricedRequests === m.requests && m.requests > 0
                      ? 'no price'
                      : formatUsd(m.costUsd)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <table aria-label="Spend per workspace">
          <thead>
            <tr>
              <th>Workspace</th>
              <th className="num">Requests</th>
              <th className="num">Cost</th>
            </tr>
          </thead>
          <tbody>
            {s.byWorkspace.map((w) => (
              <tr key={w.workspace ?? ''}>
                <td>{w.workspace ?? '—'}</td>
                <td className="num">{count(w.requests)}</td>
                <td className="num">{formatUsd(w.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table aria-label="Spend per day (UTC)">
          <thead>
            <tr>
              <th>Day (UTC)</th>
              <th className="num">Requests</th>
              <th className="num">Cost</th>
            </tr>
          </thead>
          <tbody>
            {s.byDay.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td className="num">{count(d.requests)}</td>
                <td className="num">{formatUsd(d.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
