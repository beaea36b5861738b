import type { ReactNode } from 'react'
import { useSession } from '../stores/session.ts'
import { Sidebar } from './Sidebar.tsx'

export function Shell({ children }: { children: ReactNode }) {
  const link = useSession((s) => s.link)
  const error = useSession((s) => s.error)
  return (
    <div className="shell">
      <Sidebar />
      <div className="main" id="main">
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
      </div>
    </div>
  )
}
