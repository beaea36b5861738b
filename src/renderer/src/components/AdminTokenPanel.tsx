import { useState } from 'react'
import { api, savedToken } from '../api.ts'
import { useSession } from '../stores/session.ts'
import { useStatus } from '../stores/status.ts'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import { CopyButton } from './CopyButton.tsx'

/** The management API token: shown on request in the browser host (which holds it), and regenerated. */
export function AdminTokenPanel() {
  const host = useSession((s) => s.host)
  const dataDir = useStatus((s) => s.status?.dataDir)
  const [shown, setShown] = useState(false)
  const [confirming, setConfirming] = useState(false)
  // The desktop window never holds the token; after regenerating, it shows the new one once.
  const [fresh, setFresh] = useState<string | null>(null)
  const token = fresh ?? (host === 'http' ? savedToken() : null)
  const file = `${dataDir ?? '<data-dir>'}/admin-token`

  async function regenerate() {
    const { token: next } = await api().regenerateAdminToken({})
    // In the browser the old token stops working at once: sign in again with the new one.
    if (host === 'http') await useSession.getState().signIn(next)
    else setFresh(next)
    setShown(true)
  }

  return (
    <section className="panel" aria-labelledby="token-title">
      <div className="row">
        <h2 id="token-title" className="grow">
          Admin token
        </h2>
        <button type="button" onClick={() => setConfirming(true)}>
          Regenerate
        </button>
      </div>
      <p className="muted small">
        Scripts and this web UI use it for the management API (<code>Authorization: Bearer …</code>
        ). It lives in <code>{file}</code>.
      </p>
      {token ? (
        <div className="endpoint">
          <code data-testid="admin-token">{shown ? token : '•'.repeat(24)}</code>
          <button type="button" onClick={() => setShown(!shown)} aria-pressed={shown}>
            {shown ? 'Hide' : 'Reveal'}
          </button>
          <CopyButton text={token} label="Copy token" />
        </div>
      ) : (
        <div className="row">
          <code className="grow truncate">{file}</code>
          <CopyButton text={file} label="Copy path" />
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Regenerate the admin token?"
        confirmLabel="Regenerate"
        onConfirm={regenerate}
        onClose={() => setConfirming(false)}
      >
        <p>
          The current token stops working at once: scripts and other browsers that use it must be
          given the new one.
        </p>
      </ConfirmDialog>
    </section>
  )
}
