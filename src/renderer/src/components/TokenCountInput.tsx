import { useEffect, useState } from 'react'
import { parseTokenCount } from '../lib/rule-draft.ts'

interface Props {
  label: string
  value: number
  invalid: boolean
  onChange(value: number): void
}

/** A token count typed as "60000", "60,000" or "60k"; the draft gets NaN until it reads as one. */
export function TokenCountInput({ label, value, invalid, onChange }: Props) {
  const [text, setText] = useState(Number.isNaN(value) ? '' : String(value))
  // A change from outside (discard, another window) replaces the text; the user's own typing,
  // which parses to the same value, does not.
  useEffect(() => {
    setText((t) => (Object.is(parseTokenCount(t), value) ? t : String(value)))
  }, [value])
  return (
    <input
      aria-label={label}
      aria-invalid={invalid || undefined}
      className="mono"
      inputMode="numeric"
      placeholder="60000"
      value={text}
      onChange={(e) => {
        setText(e.target.value)
        onChange(parseTokenCount(e.target.value))
      }}
    />
  )
}
