import { useState, type FormEvent } from 'react'
import { WorkspaceExport } from '../../../shared/schemas.ts'
import { useAction } from '../lib/use-action.ts'
import { useWorkspaces } from '../stores/workspaces.ts'
import { Dialog } from './Dialog.tsx'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'

interface Props {
  open: boolean
  onClose(): void
}

/** Import a workspace from an exported JSON file (or pasted JSON). */
export function ImportWorkspaceDialog({ open, onClose }: Props) {
  const importJson = useWorkspaces((s) => s.importJson)
  const [text, setText] = useState('')
  const [name, setName] = useState('')
  const [replace, setReplace] = useState(false)
  const run = useAction(async () => {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new Error('That is not JSON. Choose a file made by Export, or paste its contents.')
    }
    const doc = WorkspaceExport.safeParse(parsed)
    if (!doc.success) {
      const issue = doc.error.issues[0]
      throw new Error(
        `Not a Switchboard workspace export (${issue?.path.join('.') || 'document'}: ${issue?.message}).`,
      )
    }
    await importJson(doc.data, name.trim() || undefined, replace)
    setText('')
    setName('')
    onClose()
  })
  async function pickFile(file: File | undefined) {
    if (!file) return
    const content = await file.text()
    setText(content)
    try {
      const n = (JSON.parse(content) as { name?: unknown }).name
      if (typeof n === 'string' && !name) setName(n)
    } catch {
      // Reported on import.
    }
  }
  function submit(e: FormEvent) {
    e.preventDefault()
    void run.run()
  }
  return (
    <Dialog open={open} title="Import workspace" onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <Field label="Exported file">
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => void pickFile(e.target.files?.[0])}
          />
        </Field>
        <Field label="…or paste the JSON">
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-label="Workspace JSON"
          />
        </Field>
        <Field label="Name (optional)" hint="Leave blank to use the name in the file.">
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          Replace a workspace of the same name
        </label>
        <ErrorNote error={run.error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={run.pending || !text.trim()}>
            Import
          </button>
        </div>
      </form>
    </Dialog>
  )
}
