import { useCallback, useState } from 'react'
import { Badge } from '../components/Badge.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { HoldTurnToggle } from '../components/HoldTurnToggle.tsx'
import { SpendCapField } from '../components/SpendCapField.tsx'
import { ImportWorkspaceDialog } from '../components/ImportWorkspaceDialog.tsx'
import { NameDialog } from '../components/NameDialog.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { RuleEditor, type RulesDraft } from '../components/RuleEditor.tsx'
import { TryIt } from '../components/TryIt.tsx'
import { downloadText } from '../lib/download.ts'
import { useAction } from '../lib/use-action.ts'
import { useProviders } from '../stores/providers.ts'
import { useUnsaved } from '../stores/unsaved.ts'
import { useWorkspaces } from '../stores/workspaces.ts'
import { ManagedBadge, managedTitle } from '../components/ManagedBadge.tsx'

type Dialogs = 'create' | 'rename' | 'delete' | 'import' | null

export function WorkspacesPage() {
  const { workspaces, current, open, create, rename, remove, activate, exportJson } =
    useWorkspaces()
  const providers = useProviders((s) => s.providers)
  const [dialog, setDialog] = useState<Dialogs>(null)
  const [draft, setDraft] = useState<RulesDraft | null>(null)
  const onDraft = useCallback((d: RulesDraft | null) => setDraft(d), [])
  const guard = useUnsaved((s) => s.guard)
  const opening = useAction(open)
  const activating = useAction(activate)
  const exporting = useAction(async (name: string) => {
    const doc = await exportJson(name)
    downloadText(`${name}.switchboard.json`, JSON.stringify(doc, null, 2) + '\n')
  })
  const close = () => setDialog(null)

  return (
    <div className="page">
      <PageHead
        title="Workspaces"
        description="A workspace is a set of routing rules. The active one routes every request sent to the model switchboard."
        actions={
          <>
            <button type="button" onClick={() => setDialog('import')}>
              Import
            </button>
            <button type="button" className="primary" onClick={() => setDialog('create')}>
              New workspace
            </button>
          </>
        }
      />
      <ul className="list" aria-label="Workspaces">
        {workspaces.map((w) => (
          <li className="list-item" key={w.id}>
            <button
              type="button"
              className="ghost grow"
              aria-current={current?.id === w.id ? 'true' : undefined}
              aria-label={`Edit rules of ${w.name}`}
              onClick={() => {
                if (current?.id !== w.id) guard(() => void opening.run(w.name))
              }}
            >
              <strong>{w.name}</strong>
              <span className="muted small">
                {w.ruleCount} {w.ruleCount === 1 ? 'rule' : 'rules'}
              </span>
              {current?.id === w.id && <span className="muted small">· editing</span>}
            </button>
            {w.active ? (
              <Badge tone="ok">Active</Badge>
            ) : (
              <button
                type="button"
                onClick={() => void activating.run(w.name)}
                aria-label={`Activate ${w.name}`}
              >
                Activate
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorNote error={opening.error ?? activating.error} />

      {current && (
        <>
          <div className="panel-head">
            <div className="row">
              <h2>{current.name}</h2>
              {current.active && <Badge tone="ok">Active</Badge>}
              <ManagedBadge file={current.managedBy} />
            </div>
            <div className="row">
              <button
                type="button"
                onClick={() => setDialog('rename')}
                disabled={!!current.managedBy}
                title={managedTitle(current.managedBy)}
              >
                Rename
              </button>
              <button type="button" onClick={() => void exporting.run(current.name)}>
                Export
              </button>
              <button
                type="button"
                className="danger"
                disabled={current.active || !!current.managedBy}
                title={
                  managedTitle(current.managedBy) ??
                  (current.active ? 'Activate another workspace first' : undefined)
                }
                onClick={() => setDialog('delete')}
              >
                Delete
              </button>
            </div>
          </div>
          <ErrorNote error={exporting.error} />
          {providers.length === 0 && (
            <ErrorNote
              kind="info"
              error="Rules route to models of your providers. Add a provider first (Providers page), then pick its models here."
            />
          )}
          {/* A disabled fieldset turns off every control inside: the file is where these change. */}
          <fieldset className="bare" disabled={!!current.managedBy}>
            <RuleEditor key={current.id} workspace={current} onDraft={onDraft} />
            <HoldTurnToggle workspace={current} />
            <SpendCapField key={`spend-${current.id}`} workspace={current} />
          </fieldset>
          <TryIt workspace={current.name} draft={draft} />
        </>
      )}

      <NameDialog
        open={dialog === 'create'}
        title="New workspace"
        label="Name"
        initial=""
        submitLabel="Create"
        onSubmit={create}
        onClose={close}
      />
      <NameDialog
        open={dialog === 'rename'}
        title={`Rename ${current?.name ?? ''}`}
        label="New name"
        initial={current?.name ?? ''}
        submitLabel="Rename"
        onSubmit={(n) => rename(current!.name, n)}
        onClose={close}
      />
      <ConfirmDialog
        open={dialog === 'delete'}
        title={`Delete ${current?.name ?? ''}?`}
        confirmLabel="Delete workspace"
        onConfirm={() => remove(current!.name)}
        onClose={close}
      >
        Its {current?.rules.length ?? 0} rules and catch-all are deleted. Export it first if you may
        want it back.
      </ConfirmDialog>
      <ImportWorkspaceDialog open={dialog === 'import'} onClose={close} />
    </div>
  )
}
