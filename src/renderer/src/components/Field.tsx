import { cloneElement, useId, type ReactElement, type ReactNode } from 'react'
import { fieldMessage } from '../lib/field-message.ts'

interface Props {
  label: string
  hint?: ReactNode
  error?: string | null
  /** One control; it gets the id, description and invalid state. */
  children: ReactElement<Record<string, unknown>>
  className?: string
}

/** A labelled control with its hint and, when the core refused it, the reason. */
export function Field({ label, hint, error, children, className }: Props) {
  const id = useId()
  const noteId = `${id}-note`
  const note = error || hint
  const control = cloneElement(children, {
    id,
    'aria-describedby': note ? noteId : undefined,
    'aria-invalid': error ? true : undefined,
  })
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      {control}
      {error ? (
        <span className="field-error" id={noteId} role="alert">
          {fieldMessage(error)}
        </span>
      ) : (
        hint && (
          <span className="field-hint" id={noteId}>
            {hint}
          </span>
        )
      )}
    </div>
  )
}
