import { useEffect, useState } from 'react'
import { Field } from './Field.tsx'

interface Props {
  label: string
  hint?: string
  value: number
  step?: number
  min?: number
  max?: number
  error?: string | null
  onCommit(value: number): void
}

/** A number input that commits on blur or Enter, so typing "1500" does not save "1", "15"… */
export function NumberField({ label, hint, value, step, min, max, error, onCommit }: Props) {
  const [text, setText] = useState(String(value))
  useEffect(() => setText(String(value)), [value])
  function commit() {
    const n = Number(text)
    if (text.trim() === '' || !Number.isFinite(n)) return setText(String(value))
    if (n !== value) onCommit(n)
  }
  return (
    <Field label={label} hint={hint} error={error}>
      <input
        type="number"
        inputMode="decimal"
        value={text}
        step={step}
        min={min}
        max={max}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit()
        }}
      />
    </Field>
  )
}
