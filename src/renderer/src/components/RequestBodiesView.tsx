import { useEffect, useState } from 'react'
import type { RequestBodies } from '../../../shared/activity.ts'
import { api } from '../api.ts'

/** Pretty JSON when the text is JSON; server-sent events and anything else as they are. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/** A logged request's kept bodies, when the "keep bodies" setting kept them; nothing otherwise. */
export function RequestBodiesView({ requestId }: { requestId: number }) {
  const [bodies, setBodies] = useState<RequestBodies | null>(null)
  useEffect(() => {
    let live = true
    Promise.resolve()
      .then(() => api().getRequestBodies({ id: requestId }))
      .then((b) => live && setBodies(b))
      // Older cores and aged-out bodies simply show nothing.
      .catch(() => {})
    return () => {
      live = false
    }
  }, [requestId])
  if (!bodies || (bodies.request === null && bodies.response === null)) return null
  return (
    <div className="bodies">
      {bodies.request !== null && (
        <details>
          <summary>Request body</summary>
          <pre className="mono small">{pretty(bodies.request)}</pre>
        </details>
      )}
      {bodies.response !== null && (
        <details>
          <summary>Response body</summary>
          <pre className="mono small">{pretty(bodies.response)}</pre>
        </details>
      )}
      {bodies.truncated && <p className="muted small">Cut at 256 KB.</p>}
    </div>
  )
}
