import { useState } from 'react'
import type { ModelGroup } from '../../../shared/groups.ts'
import { Badge } from '../components/Badge.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { Dialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { GroupForm } from '../components/GroupForm.tsx'
import { GroupTester } from '../components/GroupTester.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { useGroups } from '../stores/groups.ts'
import { EditDeleteButtons, ManagedBadge } from '../components/ManagedBadge.tsx'

export function GroupsPage() {
  const groups = useGroups((s) => s.groups)
  const remove = useGroups((s) => s.remove)
  const [editing, setEditing] = useState<ModelGroup | 'new' | null>(null)
  const [deleting, setDeleting] = useState<ModelGroup | null>(null)
  const add = (
    <button type="button" className="primary" onClick={() => setEditing('new')}>
      New group
    </button>
  )
  return (
    <div className="page">
      <PageHead
        title="Model groups"
        description="A virtual model name with several targets; its strategy picks one per request (a light model for easy asks, a strong one for hard ones)."
        actions={groups.length > 0 && add}
      />
      {groups.length === 0 ? (
        <EmptyState title="No model groups yet" action={add}>
          Create a group such as <code>smart-coder</code> with a small and a large model; clients
          then send <code>model: "smart-coder"</code>, or a rule can target the group.
        </EmptyState>
      ) : (
        <div className="cards" role="list" aria-label="Model groups">
          {groups.map((g) => (
            <article className="card" key={g.id} role="listitem" aria-label={g.id}>
              <div className="row">
                <h3 className="mono grow">{g.id}</h3>
                <Badge tone="accent" dot={false}>
                  {g.strategy}
                </Badge>
                <ManagedBadge file={g.managedBy} />
                {g.waitingForProvider ? (
                  <Badge tone="neutral">Needs a provider</Badge>
                ) : (
                  <Badge tone={g.unavailable.length ? 'warn' : 'ok'}>
                    {g.unavailable.length ? 'Partly available' : 'Available'}
                  </Badge>
                )}
              </div>
              {g.waitingForProvider && (
                <p className="muted small" data-testid="group-waiting">
                  Ready-made: needs a provider serving {g.targets.map((t) => t.model).join(' or ')}.
                  Clients do not see it until you add one.
                </p>
              )}
              <ol className="small mono">
                {g.targets.map((t, i) => {
                  const name = t.provider ? `${t.provider}/${t.model}` : t.model
                  return (
                    <li key={i}>
                      {name}
                      {!g.waitingForProvider && g.unavailable.includes(name) && (
                        <span className="field-error"> · no provider serves it</span>
                      )}
                    </li>
                  )
                })}
              </ol>
              <span className="muted small">
                {g.rules.length} heuristic {g.rules.length === 1 ? 'rule' : 'rules'}
                {g.strategy === 'classifier' &&
                  ` · rated by ${g.classifier.source === 'local' ? 'the local model' : `${g.classifier.target?.provider}/${g.classifier.target?.model}`}`}
              </span>
              {!g.waitingForProvider && <GroupTester groupId={g.id} />}
              <div className="row">
                <EditDeleteButtons
                  managedBy={g.managedBy}
                  onEdit={() => setEditing(g)}
                  onDelete={() => setDeleting(g)}
                />
              </div>
            </article>
          ))}
        </div>
      )}
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'New model group' : `Edit ${editing?.id ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <GroupForm
            key={editing === 'new' ? 'new' : editing.id}
            group={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete group ${deleting?.id ?? ''}?`}
        confirmLabel="Delete group"
        onConfirm={() => remove(deleting!.id)}
        onClose={() => setDeleting(null)}
      >
        Clients that send this model name, and rules that target it, stop working until you create
        it again.
      </ConfirmDialog>
    </div>
  )
}
