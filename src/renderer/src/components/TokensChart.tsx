import type { TimeBucket } from '../lib/activity-stats.ts'

interface Props {
  buckets: TimeBucket[]
  models: string[]
  colorOf(model: string): string
}

const time = (ms: number) =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** Stacked columns: tokens (in + out) per model per time bucket. */
export function TokensChart({ buckets, models, colorOf }: Props) {
  const totals = buckets.map((b) => Object.values(b.byModel).reduce((a, v) => a + v, 0))
  const max = Math.max(1, ...totals)
  const all = totals.reduce((a, v) => a + v, 0)
  if (all === 0) return <p className="muted small">No token counts reported yet.</p>
  return (
    <div className="columns" role="img" aria-label={`Tokens per model over time, ${all} in all`}>
      {buckets.map((b, i) => (
        <div className="column" key={b.start}>
          <div className="column-stack" title={`${time(b.start)}: ${totals[i]} tokens`}>
            {models.map((m) =>
              b.byModel[m] ? (
                <span
                  key={m}
                  title={`${m}: ${b.byModel[m]} tokens`}
                  style={{ height: `${(b.byModel[m]! / max) * 100}%`, background: colorOf(m) }}
                />
              ) : null,
            )}
          </div>
          <span className="column-label">{time(b.start)}</span>
        </div>
      ))}
    </div>
  )
}
