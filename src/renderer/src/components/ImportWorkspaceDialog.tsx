import { useMemo, useRef, useState, type FormEvent } from 'react'
import { WorkspaceExport } from '../../../shared/schemas.ts'
import {
  freeName,
  importMaps,
  missingReferences,
  type MappingChoices,
} from '../lib/import-mapping.ts'
import { useAction } from '../lib/use-action.ts'
import { useGroups } from '../stores/groups.ts'
import { usePersonas } from '../stores/personas.ts'
import { useProviders } from '../stores/providers.ts'
import { useWorkspaces } from '../stores/workspaces.ts'
import { Dialog } from './Dialog.tsx'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'
import { ImportMappingList } from './ImportMappingList.tsx'

interface Props {
  open: boolean
  onClose(): void
}

type Parsed = { doc: WorkspaceExport; error: null } | { doc: null; error: string | null }

function parse(text: string): Parsed {
  if (!text.trim()) return { doc: null, error: null }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return {
      doc: null,
      error: 'That is not JSON. Choose a file made by Export, or paste its contents.',
    }
  }
  const doc = WorkspaceExport.safeParse(json)
  if (doc.success) return { doc: doc.data, error: null }
  const issue = doc.error.issues[0]
  return {
    doc: null,
    error: `Not a Switchboard workspace export (${issue?.path.join('.') || 'document'}: ${issue?.message}).`,
  }
}

/**
 * Import a workspace from an exported JSON file (or pasted JSON). Providers, personas and model
 * groups the file names but this machine lacks are each mapped to one of ours, or dropped.
 */
export function ImportWorkspaceDialog({ open, onClose }: Props) {
  const importJson = useWorkspaces((s) => s.importJson)
  const workspaces = useWorkspaces((s) => s.workspaces)
  const providers = useProviders((s) => s.providers)
  const personas = usePersonas((s) => s.personas)
  const groups = useGroups((s) => s.groups)
  const [text, setText] = useState('')
  const [name, setName] = useState('')
  const [choices, setChoices] = useState<MappingChoices>({})
  const nameRef = useRef<HTMLInputElement>(null)

  const parsed = useMemo(() => parse(text), [text])
  const missing = useMemo(
    () =>
      parsed.doc
        ? missingReferences(parsed.doc, {
            providers: providers.map((p) => p.id),
            personas: personas.map((p) => p.id),
            groups: groups.map((g) => g.id),
          })
        : [],
    [parsed.doc, providers, personas, groups],
  )
  const maps = importMaps(missing, choices)
  const finalName = name.trim() || parsed.doc?.name || ''
  const clash = workspaces.find((w) => w.name.toLowerCase() === finalName.toLowerCase())

  const run = useAction(async (replace: boolean) => {
    if (!parsed.doc) throw new Error(parsed.error ?? 'Choose an exported file or paste its JSON.')
    if (!maps) throw new Error('Choose what to use for each item listed above.')
    await importJson(parsed.doc, name.trim() || undefined, replace, maps)
    setText('')
    setName('')
    setChoices({})
    onClose()
  })

  async function pickFile(file: File | undefined) {
    if (!file) return
    const content = await file.text()
    setText(content)
    setChoices({})
  }
  function pickAnotherName() {
    setName(
      freeName(
        finalName,
        workspaces.map((w) => w.name),
      ),
    )
    nameRef.current?.focus()
  }
  function submit(e: FormEvent) {
    e.preventDefault()
    void run.run(false)
  }

  return (
    <Dialog open={open} title="Import workspace" onClose={onClose}>
      <form className="stack" onSubmit={submit} aria-label="Import workspace">
        <Field label="Exported file">
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => void pickFile(e.target.files?.[0])}
          />
        </Field>
        <Field label="…or paste the JSON" error={parsed.error}>
          <textarea
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setChoices({})
            }}
            aria-label="Workspace JSON"
          />
        </Field>
        <Field
          label="Name (optional)"
          hint={
            parsed.doc
              ? `Leave blank to use the name in the file: ${parsed.doc.name}.`
              : 'Leave blank to use the name in the file.'
          }
        >
          <input ref={nameRef} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        {missing.length > 0 && (
          <ImportMappingList
            missing={missing}
            choices={choices}
            onChoose={(key, value) => setChoices((c) => ({ ...c, [key]: value }))}
          />
        )}
        {clash && parsed.doc && (
          <div className="alert warn import-clash" role="status">
            <span>
              A workspace named “{clash.name}” exists. Import under another name, or replace it.
            </span>
            <div className="row">
              <button type="button" onClick={pickAnotherName}>
                Use another name
              </button>
              <button
                type="button"
                className="danger"
                disabled={run.pending || !maps}
                onClick={() => void run.run(true)}
              >
                Replace “{clash.name}”
              </button>
            </div>
          </div>
        )}
        <ErrorNote error={run.error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={run.pending || !parsed.doc || !maps || !!clash}
          >
            Import
          </button>
        </div>
      </form>
    </Dialog>
  )
}
