import { useCallback, useEffect, useState } from 'react'
import type { MemberKey } from '../../../shared/member-keys.ts'
import { api } from '../api.ts'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { CopyButton } from '../components/CopyButton.tsx'
import { Dialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { MemberKeyForm } from '../components/MemberKeyForm.tsx'
import { MemberKeyRow } from '../components/MemberKeyRow.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { useAction } from '../lib/use-action.ts'

/** Member keys for the proxy: one per member or tool, each with an optional workspace and cap. */
export function KeysPage() {
  const [keys, setKeys] = useState<MemberKey[]>([])
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<{ key: MemberKey; secret: string } | null>(null)
  const [revoking, setRevoking] = useState<MemberKey | null>(null)
  const reload = useAction(useCallback(async () => setKeys(await api().listMemberKeys({})), []))
  useEffect(() => {
    void reload.run()
  }, [reload.run])
  const add = (
    <button type="button" className="primary" onClick={() => setCreating(true)}>
      Create key
    </button>
  )
  return (
    <div className="page">
      <PageHead
        title="Member keys"
        description="Keys for /v1/mux: required when the proxy is reachable beyond this machine (or when the requireMuxKeys setting is on). Clients send them as Authorization: Bearer or x-api-key."
        actions={keys.length > 0 && add}
      />
      <ErrorNote error={reload.error} />
      {created && (
        <section className="panel" aria-labelledby="new-key-title">
          <h2 id="new-key-title">Key for {created.key.name}</h2>
          <p className="muted small">
            Copy it now: it is shown this once, and only its hash is kept.
          </p>
          <div className="endpoint">
            <code data-testid="new-member-key">{created.secret}</code>
            <CopyButton text={created.secret} label="Copy key" />
          </div>
          <button type="button" onClick={() => setCreated(null)}>
            Done
          </button>
        </section>
      )}
      {keys.length === 0 ? (
        <EmptyState title="No member keys yet" action={add}>
          Give each member or tool its own key to see usage per key and cap its daily spend.
        </EmptyState>
      ) : (
        <ul className="list" aria-label="Member keys">
          {keys.map((k) => (
            <MemberKeyRow key={k.id} memberKey={k} onRevoke={() => setRevoking(k)} />
          ))}
        </ul>
      )}
      <Dialog open={creating} title="Create a member key" onClose={() => setCreating(false)}>
        {creating && (
          <MemberKeyForm
            onCreated={(key, secret) => {
              setCreating(false)
              setCreated({ key, secret })
              void reload.run()
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? ''}?`}
        confirmLabel="Revoke"
        onConfirm={async () => {
          if (revoking) await api().revokeMemberKey({ id: revoking.id })
          await reload.run()
        }}
        onClose={() => setRevoking(null)}
      >
        <p>Requests with this key are refused at once. Its usage stays in the log.</p>
      </ConfirmDialog>
    </div>
  )
}
