// Settings the app itself acts on, whoever changed them (window, tray or REST API).
import type { Settings } from '../shared/schemas.ts'
import type { Core } from './core/core.ts'

export interface SettingsEffects {
  setStartAtLogin: (enabled: boolean) => void
}

/** Applies startAtLogin now and on change, and moves the proxy when the port or bind address changes. */
export function applyAppSettings(
  core: Pick<Core, 'settings' | 'listen'>,
  effects: SettingsEffects,
): () => void {
  let applied: Settings = core.settings.get()
  effects.setStartAtLogin(applied.startAtLogin)
  return core.settings.onChange((next) => {
    const before = applied
    applied = next
    if (next.startAtLogin !== before.startAtLogin) effects.setStartAtLogin(next.startAtLogin)
    // Deferred so the request that saved the port gets its answer before the server moves.
    if (next.port !== before.port || next.bindAddress !== before.bindAddress) {
      setImmediate(() => void core.listen(next.port))
    }
  })
}
