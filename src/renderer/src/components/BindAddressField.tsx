import { useEffect, useState } from 'react'
import { Field } from './Field.tsx'

interface Props {
  value: string
  error?: string | null
  /** The headless server is started with --host or the setting; the desktop app moves at once. */
  hint: string
  onCommit(value: string): void
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/

/** The address the proxy listens on, with a warning whenever it is reachable from other machines. */
export function BindAddressField({ value, error, hint, onCommit }: Props) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  const exposed = !LOOPBACK.test(text.trim())
  function commit() {
    const next = text.trim()
    if (next && next !== value) onCommit(next)
    else setText(value)
  }
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
      <input
        type="text"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit()
        }}
      />
    </Field>
  )
}
