import { useState } from 'react'
import { savedToken } from '../api.ts'
import { useSession } from '../stores/session.ts'
import { useStatus } from '../stores/status.ts'
import { CopyButton } from './CopyButton.tsx'

/** The management API token: shown on request in the browser host (which holds it). */
export function AdminTokenPanel() {
  const host = useSession((s) => s.host)
  const dataDir = useStatus((s) => s.status?.dataDir)
  const [shown, setShown] = useState(false)
  const token = host === 'http' ? savedToken() : null
  const file = `${dataDir ?? '<data-dir>'}/admin-token`
  return (
    <section className="panel" aria-labelledby="token-title">
      <h2 id="token-title">Admin token</h2>
      <p className="muted small">
        Scripts and this web UI use it for the management API (<code>Authorization: Bearer …</code>
        ). It lives in <code>{file}</code>. To change it, put a new value in that file (or start
        with <code>--admin-token</code>) and restart Switchboard.
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
    </section>
  )
}
