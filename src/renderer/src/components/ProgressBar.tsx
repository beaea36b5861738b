interface Props {
  /** 0..1, or null when the total is unknown. */
  value: number | null
  label: string
}

export function ProgressBar({ value, label }: Props) {
  const pct = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100)
  return (
    <div
      className={`progress ${pct === null ? 'indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
    >
      <div style={pct === null ? undefined : { width: `${pct}%` }} />
    </div>
  )
}
