import { useCallback, useMemo } from 'react'
import type uPlot from 'uplot'
import type { RequestLogEntry } from '../../../shared/activity.ts'
import { latencyPoints } from '../lib/activity-stats.ts'
import { formatMs } from '../lib/format.ts'
import { TimeChart, type ChartTheme } from './TimeChart.tsx'

interface Props {
  requests: RequestLogEntry[]
  models: string[]
  slotOf(model: string): number
  from: number
  to: number
  syncKey: string
}

const noLine = () => null

/** Each request's latency as a dot at its time, per model, on the same time axis as the tokens. */
export function LatencyChart({ requests, models, slotOf, from, to, syncKey }: Props) {
  const series = useMemo(() => latencyPoints(requests, models), [requests, models])
  const data = useMemo(() => [series.xs, ...series.values] as uPlot.AlignedData, [series])
  const options = useCallback(
    (theme: ChartTheme): Omit<uPlot.Options, 'width' | 'height'> => ({
      scales: {
        x: { time: true, range: [from / 1000, to / 1000] },
        y: { range: (_u, _min, max) => [0, Math.max(10, max * 1.1)] },
      },
      axes: [{}, { size: 60, values: (_u, ticks) => ticks.map((v) => formatMs(v)) }],
      series: [
        {},
        ...models.map((m) => ({
          label: m,
          stroke: theme.series(slotOf(m)),
          fill: theme.series(slotOf(m)),
          paths: noLine,
          points: { show: true, size: 7, width: 1, fill: theme.series(slotOf(m)) },
        })),
      ],
    }),
    [models, slotOf, from, to],
  )
  if (requests.length === 0) return null
  return (
    <TimeChart
      options={options}
      data={data}
      height={160}
      syncKey={syncKey}
      label={`Latency of each request over time, ${requests.length} requests; per model p50 and p95 in the table below.`}
    />
  )
}
