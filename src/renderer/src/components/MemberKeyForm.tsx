import { useState } from 'react'
import type { MemberKey } from '../../../shared/member-keys.ts'
import { api } from '../api.ts'
import { useAction } from '../lib/use-action.ts'
import { useWorkspaces } from '../stores/workspaces.ts'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'

interface Props {
  onCreated(key: MemberKey, secret: string): void
}

/** Creates a member key: a name, an optional pinned workspace, an optional daily cap in USD. */
export function MemberKeyForm({ onCreated }: Props) {
  const workspaces = useWorkspaces((s) => s.workspaces)
  const [name, setName] = useState('')
  const [workspace, setWorkspace] = useState('')
  const [cap, setCap] = useState('')
  const create = useAction(async () => {
    const { key, secret } = await api().createMemberKey({
      name,
      workspace: workspace || null,
      dailyCapUsd: cap.trim() ? Number(cap) : null,
    })
    onCreated(key, secret)
  })
  const fieldError = (param: string) => (create.param === param ? create.error : null)
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault()
        void create.run()
      }}
    >
      <Field label="Name" hint="Whose key it is: a member or a tool." error={fieldError('name')}>
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field
        label="Workspace"
        hint="Pinned: every request routes by this workspace, whatever it asks for."
        error={fieldError('workspace')}
      >
        <select value={workspace} onChange={(e) => setWorkspace(e.target.value)}>
          <option value="">Let the member choose</option>
          {workspaces.map((w) => (
            <option key={w.id} value={w.name}>
              {w.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Daily cap (USD)"
        hint="Requests get 429 once a UTC day's spend reaches it. Empty: no cap."
        error={fieldError('dailyCapUsd')}
      >
        <input
          type="number"
          min="0"
          step="any"
          inputMode="decimal"
          value={cap}
          onChange={(e) => setCap(e.target.value)}
        />
      </Field>
      {!create.param && <ErrorNote error={create.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={create.pending}>
          Create key
        </button>
      </div>
    </form>
  )
}
