import { useEffect, useState } from 'react'
import type { Workspace } from '../../../shared/schemas.ts'
import { useAction } from '../lib/use-action.ts'
import { useWorkspaces } from '../stores/workspaces.ts'
import { Field } from './Field.tsx'

/** The workspace's optional daily spend cap in USD; empty means no cap. Saves on blur or Enter. */
export function SpendCapField({ workspace }: { workspace: Workspace }) {
  const saveOptions = useWorkspaces((s) => s.saveOptions)
  const save = useAction((cap: number | null) =>
    saveOptions(workspace.name, { dailySpendCapUsd: cap }),
  )
  const saved = workspace.dailySpendCapUsd ?? null
  const [text, setText] = useState(saved === null ? '' : String(saved))
  useEffect(() => setText(saved === null ? '' : String(saved)), [saved])
  function commit() {
    const trimmed = text.trim().replace(/^\$/, '')
    const cap = trimmed === '' ? null : Number(trimmed)
    if (cap !== null && !Number.isFinite(cap)) return setText(saved === null ? '' : String(saved))
    if (cap !== saved) void save.run(cap)
  }
  return (
    <Field
      label="Daily spend cap (USD)"
      hint="Once this workspace has spent this much today (UTC), paid models are skipped for free or local fallbacks; with none left, clients get a 429 until midnight UTC. Empty: no cap."
      error={save.error}
    >
      <input
        type="text"
        inputMode="decimal"
        placeholder="no cap"
        value={text}
        disabled={save.pending}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit()
        }}
      />
    </Field>
  )
}
