import { useDraftField } from '../lib/use-draft-field.ts'
import { Field } from './Field.tsx'

interface Props {
  label: string
  hint?: string
  value: number
  step?: number
  min?: number
  max?: number
  error?: string | null
  /** Also save once typing pauses this long (ms); otherwise only on blur or Enter. */
  debounceMs?: number
  /** Called on every keystroke, e.g. to clear an error the user is fixing. */
  onEdit?(): void
  onCommit(value: number): void
}

/** A number input that commits on blur or Enter, so typing "1500" does not save "1", "15"… */
export function NumberField({
  label,
  hint,
  value,
  step,
  min,
  max,
  error,
  debounceMs,
  onEdit,
  onCommit,
}: Props) {
  const field = useDraftField(
    String(value),
    (text) => {
      const n = Number(text)
      if (text.trim() === '' || !Number.isFinite(n)) return field.setText(String(value))
      if (n !== value) onCommit(n)
    },
    onEdit,
    debounceMs,
  )
  return (
    <Field label={label} hint={hint} error={error}>
      <input
        type="number"
        inputMode="decimal"
        step={step}
        min={min}
        max={max}
        {...field.inputProps}
      />
    </Field>
  )
}
