import { proxyBadge } from '../lib/proxy-status.ts'
import { pages, useRouter } from '../stores/router.ts'
import { useSession } from '../stores/session.ts'
import { useStatus } from '../stores/status.ts'
import { Badge } from './Badge.tsx'

export function Sidebar() {
  const page = useRouter((s) => s.page)
  const go = useRouter((s) => s.go)
  const status = useStatus((s) => s.status)
  const host = useSession((s) => s.host)
  const signOut = useSession((s) => s.signOut)
  const badge = proxyBadge(
    status?.server,
    useSession((s) => s.link),
  )
  return (
    <div className="sidebar-rail">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Switchboard
        </div>
        {pages.map((p) => (
          <a
            key={p.id}
            href={`#/${p.id}`}
            className="nav-link"
            aria-current={page === p.id ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault()
              go(p.id)
            }}
          >
            {p.label}
          </a>
        ))}
        <div className="sidebar-foot">
          {badge && (
            <span role="status" data-testid="proxy-badge">
              <Badge tone={badge.tone}>{badge.label}</Badge>
            </span>
          )}
          {status && (
            <span className="muted truncate" title={`Active workspace: ${status.activeWorkspace}`}>
              Workspace: <strong>{status.activeWorkspace}</strong>
            </span>
          )}
          {status && <span className="muted">v{status.version}</span>}
          {host === 'http' && (
            <button type="button" className="ghost small" onClick={() => signOut()}>
              Sign out
            </button>
          )}
        </div>
      </nav>
    </div>
  )
}
