import type { ReactNode } from 'react'

interface Props {
  label: string
  hint?: ReactNode
  error?: string | null
  children: ReactNode
  className?: string
}

/** A labelled control with its hint and, when the core refused it, the reason. */
export function Field({ label, hint, error, children, className }: Props) {
  return (
    <label className={`field ${className ?? ''}`.trim()}>
      <span>{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        hint && <span className="field-hint">{hint}</span>
      )}
    </label>
  )
}
