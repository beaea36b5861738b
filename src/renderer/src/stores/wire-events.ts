import type { EventMap, EventName } from '../../../shared/events.ts'
import type { LinkState, Transport } from '../transport/types.ts'
import { useActivity } from './activity.ts'
import { useGroups } from './groups.ts'
import { useModels } from './models.ts'
import { useOnboarding } from './onboarding.ts'
import { usePersonas } from './personas.ts'
import { useProviders } from './providers.ts'
import { useSettings } from './settings.ts'
import { useStatus } from './status.ts'
import { useWorkspaces } from './workspaces.ts'

/** Loads every store from the core (at start, and after the event stream was down). */
export async function loadAll(): Promise<void> {
  await Promise.all([
    useStatus.getState().load(),
    useProviders.getState().load(),
    useWorkspaces.getState().load(),
    usePersonas.getState().load(),
    useModels.getState().load(),
    useActivity.getState().load(),
    useSettings.getState().load(),
    useGroups.getState().load(),
    useOnboarding.getState().load(),
  ])
}

// Partial: events added to the contract later are ignored until a store mirrors them.
const handlers: { [E in EventName]?: (payload: EventMap[E]) => void } = {
  workspaceActivated({ name }) {
    useStatus.getState().setActiveWorkspace(name)
    useWorkspaces.getState().markActive(name)
  },
  workspacesChanged: ({ workspaces }) => useWorkspaces.getState().replace(workspaces),
  providersChanged: ({ providers }) => useProviders.getState().replace(providers),
  serverStatusChanged: (status) => useStatus.getState().setServer(status),
  requestLogged(entry) {
    useActivity.getState().logged(entry)
    useOnboarding.getState().logged(entry)
  },
  personasChanged: ({ personas }) => usePersonas.getState().replace(personas),
  modelChanged: (model) => useModels.getState().put(model),
  modelRemoved: ({ id }) => useModels.getState().drop(id),
  classifierChanged: (status) => useModels.getState().setClassifier(status),
  groupsChanged: ({ groups }) => useGroups.getState().replace(groups),
  settingsChanged: (settings) => useSettings.setState({ settings }),
}

/** Routes core events into the stores that mirror them. Returns the unsubscribe function. */
export function wireEvents(t: Transport, onLink: (state: LinkState) => void): () => void {
  const offEvents = t.onEvent((event, payload) => {
    // Unknown names come from a newer core; ignoring them keeps an older UI working.
    const handler = handlers[event] as ((p: unknown) => void) | undefined
    handler?.(payload)
  })
  let wasDown = false
  const offLink = t.onLink((state) => {
    onLink(state)
    if (state === 'reconnecting') wasDown = true
    if (state === 'open' && wasDown) {
      wasDown = false
      void loadAll().catch(() => {})
    }
  })
  return () => {
    offEvents()
    offLink()
  }
}
