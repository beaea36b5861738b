import { useEffect, useState } from 'react'
import type { AppStatus } from '../../shared/schemas.ts'
import { bridge } from './api.ts'

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    bridge.api.getStatus({}).then(setStatus, (e: Error) => setError(e.message))
    return bridge.onEvent((event, payload) => {
      if (event === 'workspaceActivated')
        setStatus((s) => s && { ...s, activeWorkspace: (payload as { name: string }).name })
    })
  }, [])

  return (
    <main>
      <h1>Switchboard</h1>
      {error && <p role="alert">{error}</p>}
      {status && (
        <dl>
          <dt>Endpoint</dt>
          <dd>
            {status.server.state === 'listening' ? `${status.server.url}/v1/mux` : 'not listening'}
          </dd>
          <dt>Active workspace</dt>
          <dd>{status.activeWorkspace}</dd>
        </dl>
      )}
    </main>
  )
}
