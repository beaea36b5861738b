interface Bar {
  label: string
  value: number
  /** A second, lighter value drawn behind the first (e.g. p95 behind p50). */
  back?: number
}

interface Props {
  bars: Bar[]
  format(value: number): string
  title: string
  colorOf(label: string): string
}

/** Horizontal bars in HTML, so text keeps its size at any width and colours follow the theme. */
export function BarChart({ bars, format, title, colorOf }: Props) {
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.back ?? 0)))
  const pct = (v: number) => `${(v / max) * 100}%`
  return (
    <div
      className="bars"
      role="img"
      aria-label={`${title}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')}`}
    >
      {bars.map((b) => (
        <div className="bars-row" key={b.label}>
          <span className="bars-label mono truncate" title={b.label}>
            {b.label}
          </span>
          <span className="bars-track">
            {b.back !== undefined && (
              <span
                className="bars-fill back"
                style={{ width: pct(b.back), background: colorOf(b.label) }}
              />
            )}
            <span
              className="bars-fill"
              style={{ width: pct(b.value), background: colorOf(b.label) }}
            />
          </span>
          <span className="bars-value">
            {format(b.value)}
            {b.back !== undefined && <span className="muted"> / {format(b.back)}</span>}
          </span>
        </div>
      ))}
    </div>
  )
}
