import { useDraftField } from '../lib/use-draft-field.ts'
import { Field } from './Field.tsx'

interface Props {
  value: string
  error?: string | null
  /** The headless server is started with --host or the setting; the desktop app moves at once. */
  hint: string
  debounceMs?: number
  onEdit?(): void
  onCommit(value: string): void
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/

/** The address the proxy listens on, with a warning whenever it is reachable from other machines. */
export function BindAddressField({ value, error, hint, debounceMs, onEdit, onCommit }: Props) {
  const field = useDraftField(
    value,
    (text) => {
      const next = text.trim()
      if (next && next !== value) onCommit(next)
      else if (!next) field.setText(value)
    },
    onEdit,
    debounceMs,
  )
  const exposed = !LOOPBACK.test(field.text.trim())
  return (
    <Field
      label="Bind address"
      error={error}
      hint={
        exposed
          ? `Other machines on the network can reach the proxy at this address. The management API still needs the admin token. ${hint}`
          : `127.0.0.1 keeps the proxy on this machine. ${hint}`
      }
    >
      <input type="text" spellCheck={false} {...field.inputProps} />
    </Field>
  )
}
