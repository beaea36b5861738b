import type { ReactNode } from 'react'
import { useSession } from '../stores/session.ts'
import { Sidebar } from './Sidebar.tsx'
import { UnsavedDialog } from './UnsavedDialog.tsx'

export function Shell({ children }: { children: ReactNode }) {
  const link = useSession((s) => s.link)
  const error = useSession((s) => s.error)
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash holds the route, so move focus instead of navigating.
          e.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        Skip to content
      </a>
      <Sidebar />
      <main className="main" id="main" tabIndex={-1}>
        {link === 'reconnecting' && (
          <div className="link-banner" role="status">
            Lost the live connection to Switchboard; reconnecting. Changes made elsewhere show up
            once it is back.
          </div>
        )}
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        {children}
      </main>
      <UnsavedDialog />
    </div>
  )
}
