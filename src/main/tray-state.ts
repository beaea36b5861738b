// What the tray shows, kept up to date from core events; plain data so the menu is a pure function.
import type { z } from 'zod'
import type { EventMap, EventName } from '../shared/events.ts'
import type { ClassifierStatus, ModelStatus } from '../shared/models.ts'
import type { ServerStatus } from '../shared/schemas.ts'

export interface TrayState {
  workspaces: { name: string; active: boolean }[]
  server: ServerStatus
  /** The port the proxy is configured for (the one in the error when it is taken). */
  port: number
  /** A free port to offer when the configured one is in use; null until one is found. */
  suggestedPort: number | null
  classifier: z.infer<typeof ClassifierStatus> | null
  models: Record<string, { name: string; status: z.infer<typeof ModelStatus> }>
}

/** The state after one core event; the same object when the event does not concern the tray. */
export function applyTrayEvent<E extends EventName>(
  state: TrayState,
  event: E,
  payload: EventMap[E],
): TrayState {
  const p = payload as EventMap[EventName]
  switch (event) {
    case 'workspaceActivated': {
      const { name } = p as EventMap['workspaceActivated']
      return {
        ...state,
        workspaces: state.workspaces.map((w) => ({ name: w.name, active: w.name === name })),
      }
    }
    case 'workspacesChanged': {
      const { workspaces } = p as EventMap['workspacesChanged']
      return { ...state, workspaces: workspaces.map(({ name, active }) => ({ name, active })) }
    }
    case 'serverStatusChanged': {
      const server = p as EventMap['serverStatusChanged']
      const suggestedPort = server.state === 'error' ? state.suggestedPort : null
      return { ...state, server, suggestedPort }
    }
    case 'classifierChanged':
      return { ...state, classifier: p as EventMap['classifierChanged'] }
    case 'modelChanged': {
      const { id, name, status } = p as EventMap['modelChanged']
      return { ...state, models: { ...state.models, [id]: { name, status } } }
    }
    case 'modelRemoved': {
      const { [(p as EventMap['modelRemoved']).id]: _removed, ...models } = state.models
      return { ...state, models }
    }
    default:
      return state
  }
}
