import { useCallback, useMemo } from 'react'
import uPlot from 'uplot'
import type { RequestLogEntry } from '../../../shared/activity.ts'
import { bucketSizeFor, stackSeries, tokenBuckets } from '../lib/activity-stats.ts'
import { TimeChart, type ChartTheme } from './TimeChart.tsx'

interface Props {
  requests: RequestLogEntry[]
  models: string[]
  slotOf(model: string): number
  /** The time range shown (ms); the x axis spans it whole. */
  from: number
  to: number
  syncKey: string
}

const bars = uPlot.paths.bars!({ size: [0.9, 40], align: 1 })
const count = (n: number) => Math.round(n).toLocaleString()
const minutes = (ms: number) => (ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`)

/** Stacked bars of tokens (in + out) per model per time bucket, with a token axis. */
export function TokensChart({ requests, models, slotOf, from, to, syncKey }: Props) {
  const bucketMs = bucketSizeFor(to - from)
  const series = useMemo(
    () => tokenBuckets(requests, models, from, to, bucketMs),
    [requests, models, from, to, bucketMs],
  )
  const data = useMemo(
    () => [series.xs, ...stackSeries(series.values)] as uPlot.AlignedData,
    [series],
  )
  const options = useCallback(
    (theme: ChartTheme): Omit<uPlot.Options, 'width' | 'height'> => ({
      scales: {
        x: { time: true, range: [from / 1000, to / 1000] },
        y: { range: (_u, _min, max) => [0, Math.max(10, max * 1.1)] },
      },
      axes: [{}, { size: 60, values: (_u, ticks) => ticks.map(count) }],
      series: [
        {},
        ...models.map((m) => ({
          label: m,
          stroke: theme.series(slotOf(m)),
          fill: theme.series(slotOf(m)),
          width: 0,
          paths: bars,
          points: { show: false },
        })),
      ],
    }),
    [models, slotOf, from, to],
  )
  const totals = models.map((m, i) => ({
    model: m,
    tokens: series.values[i]!.reduce<number>((a, v) => a + (v ?? 0), 0),
  }))
  const all = totals.reduce((a, t) => a + t.tokens, 0)
  if (all === 0) return <p className="muted small">No token counts reported in this range.</p>
  const peak = series.xs.reduce(
    (best, x, j) => {
      const sum = series.values.reduce((a, row) => a + (row[j] ?? 0), 0)
      return sum > best.sum ? { x, sum } : best
    },
    { x: 0, sum: 0 },
  )
  const label = `Tokens per model over time, in ${minutes(bucketMs)} buckets: ${count(all)} in all (${totals
    .map((t) => `${t.model} ${count(t.tokens)}`)
    .join(
      ', ',
    )}); the busiest bucket, at ${new Date(peak.x * 1000).toLocaleString()}, had ${count(peak.sum)}.`
  return (
    <>
      <TimeChart options={options} data={data} height={200} label={label} syncKey={syncKey} />
      <p className="muted small">
        Each bar is {minutes(bucketMs)}; {count(all)} tokens in this range.
      </p>
    </>
  )
}
