import type { SettingsRepo } from './db/settings-repo.ts'
import { SwitchboardError } from '../../shared/errors.ts'
import { defaultSettings, type Settings } from '../../shared/schemas.ts'
import { isLoopbackAddress } from './mux/security.ts'

const KEY = 'settings'

/** User settings over defaults; read on the hot path, so kept in memory. */
export function createSettingsService(repo: SettingsRepo) {
  let current: Settings = { ...defaultSettings, ...repo.get<Partial<Settings>>(KEY) }
  const listeners = new Set<(settings: Settings) => void>()
  return {
    get: (): Settings => current,
    update(patch: Partial<Settings>): Settings {
      const next = { ...current, ...patch }
      if (!isLoopbackAddress(next.bindAddress) && !next.allowRemote) {
        throw new SwitchboardError(
          'invalid_request',
          `Binding ${next.bindAddress} lets other machines reach the proxy. Send allowRemote: true with it to confirm, or use 127.0.0.1.`,
          { param: 'allowRemote' },
        )
      }
      current = next
      repo.set(KEY, current)
      for (const listener of listeners) listener(current)
      return current
    },
    onChange(listener: (settings: Settings) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type SettingsService = ReturnType<typeof createSettingsService>
