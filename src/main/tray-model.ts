// Keeps TrayState current from core events, so tray, window and API changes all show at once.
import type { Api } from '../shared/contract.ts'
import type { Core } from './core/core.ts'
import { applyTrayEvent, type TrayState } from './tray-state.ts'

export interface TrayModelDeps {
  api: Pick<Api, 'listWorkspaces' | 'getClassifierStatus' | 'listModels'>
  events: Core['events']
  server: Core['server']
  settings: Core['settings']
  /** A free port from the given one upward, offered when the configured port is taken. */
  findFreePort: (from: number) => Promise<number | null>
}

export interface TrayModel {
  state(): TrayState
  dispose(): void
}

/** Loads the tray's state from the core, then follows its events; `onChange` gets every new state. */
export async function createTrayModel(
  deps: TrayModelDeps,
  onChange: (state: TrayState) => void,
): Promise<TrayModel> {
  const [workspaces, classifier, models] = await Promise.all([
    deps.api.listWorkspaces({}),
    deps.api.getClassifierStatus({}),
    deps.api.listModels({}),
  ])
  let state: TrayState = {
    workspaces: workspaces.map(({ name, active }) => ({ name, active })),
    server: deps.server.status(),
    port: deps.settings.get().port,
    suggestedPort: null,
    classifier,
    models: Object.fromEntries(models.map((m) => [m.id, { name: m.name, status: m.status }])),
  }

  function set(next: TrayState): void {
    if (next === state) return
    state = next
    onChange(state)
  }

  // When the port is taken, look for a free one to offer; a stale answer is dropped.
  function suggestPort(): void {
    const { server, port } = state
    if (server.state !== 'error' || server.code !== 'port_in_use') return
    void deps.findFreePort(port + 1).then((suggestedPort) => {
      if (state.server === server) set({ ...state, suggestedPort })
    })
  }

  const offEvents = deps.events.onAny((event, payload) => {
    set(applyTrayEvent(state, event, payload))
    if (event === 'serverStatusChanged') suggestPort()
  })
  const offSettings = deps.settings.onChange((settings) => {
    if (settings.port !== state.port) set({ ...state, port: settings.port })
  })
  onChange(state)
  suggestPort()
  return {
    state: () => state,
    dispose() {
      offEvents()
      offSettings()
    },
  }
}
