import { useEffect, useRef, useState } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

interface Props {
  /** uPlot options without size, axes colours or cursor sync: those come from here and the theme. */
  options(theme: ChartTheme): Omit<uPlot.Options, 'width' | 'height'>
  data: uPlot.AlignedData
  height: number
  /** A short summary read by screen readers, e.g. the totals per model. */
  label: string
  /** Charts with the same key share a cursor: the same moment lines up in each. */
  syncKey?: string
}

/** Colours a chart reads from the theme when it is drawn (a canvas cannot use CSS variables). */
export interface ChartTheme {
  text: string
  grid: string
  series(slot: number): string
}

const darkQuery = () =>
  typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null

/** The resolved colour of a CSS variable now (a canvas cannot read `var()`). */
function cssColor(variable: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || '#888'
}

function readTheme(): ChartTheme {
  return {
    text: cssColor('--muted'),
    grid: cssColor('--border'),
    series: (slot) => cssColor(`--series-${slot}`),
  }
}

/** A uPlot time chart that fills its container's width and redraws when the OS theme changes. */
export function TimeChart({ options, data, height, label, syncKey }: Props) {
  const box = useRef<HTMLDivElement>(null)
  const [scheme, setScheme] = useState(() => (darkQuery()?.matches ? 'dark' : 'light'))

  useEffect(() => {
    const query = darkQuery()
    if (!query) return
    const change = () => setScheme(query.matches ? 'dark' : 'light')
    query.addEventListener('change', change)
    return () => query.removeEventListener('change', change)
  }, [])

  useEffect(() => {
    const el = box.current
    if (!el) return
    const theme = readTheme()
    const axis = {
      stroke: theme.text,
      grid: { stroke: theme.grid, width: 1 },
      ticks: { stroke: theme.grid },
    }
    const base = options(theme)
    const chart = new uPlot(
      {
        ...base,
        width: Math.max(200, el.clientWidth),
        height,
        legend: { show: false },
        cursor: { ...base.cursor, sync: syncKey ? { key: syncKey } : undefined },
        axes: (base.axes ?? [{}, {}]).map((a) => ({ ...axis, ...a })),
      },
      data,
      el,
    )
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, el.clientWidth), height }),
    )
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.destroy()
    }
  }, [options, data, height, syncKey, scheme])

  return <div className="time-chart" ref={box} role="img" aria-label={label} />
}
