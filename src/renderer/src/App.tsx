import { useEffect } from 'react'
import { Shell } from './components/Shell.tsx'
import { SignIn } from './components/SignIn.tsx'
import { ActivityPage } from './pages/ActivityPage.tsx'
import { GroupsPage } from './pages/GroupsPage.tsx'
import { KeysPage } from './pages/KeysPage.tsx'
import { ModelsPage } from './pages/ModelsPage.tsx'
import { OverviewPage } from './pages/OverviewPage.tsx'
import { PersonasPage } from './pages/PersonasPage.tsx'
import { ProvidersPage } from './pages/ProvidersPage.tsx'
import { SettingsPage } from './pages/SettingsPage.tsx'
import { WorkspacesPage } from './pages/WorkspacesPage.tsx'
import { pages, useRouter, type PageId } from './stores/router.ts'
import { useSession } from './stores/session.ts'

const pageComponents: Record<PageId, () => React.JSX.Element> = {
  overview: OverviewPage,
  providers: ProvidersPage,
  workspaces: WorkspacesPage,
  groups: GroupsPage,
  personas: PersonasPage,
  models: ModelsPage,
  activity: ActivityPage,
  keys: KeysPage,
  settings: SettingsPage,
}

export function App() {
  const phase = useSession((s) => s.phase)
  const start = useSession((s) => s.start)
  const page = useRouter((s) => s.page)
  useEffect(() => {
    void start()
  }, [start])

  useEffect(() => {
    const label = pages.find((p) => p.id === page)?.label
    document.title = phase === 'ready' && label ? `${label} · Switchboard` : 'Switchboard'
  }, [page, phase])

  if (phase === 'starting') return <p className="signin muted">Connecting to Switchboard…</p>
  if (phase === 'signed-out') return <SignIn />
  const Page = pageComponents[page]
  return (
    <Shell>
      <Page />
    </Shell>
  )
}
