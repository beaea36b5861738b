import type { SettingsRepo } from './db/settings-repo.ts'
import { defaultSettings, type Settings } from '../../shared/schemas.ts'

const KEY = 'settings'

/** User settings over defaults; read on the hot path, so kept in memory. */
export function createSettingsService(repo: SettingsRepo) {
  let current: Settings = { ...defaultSettings, ...repo.get<Partial<Settings>>(KEY) }
  return {
    get: (): Settings => current,
    update(patch: Partial<Settings>): Settings {
      current = { ...current, ...patch }
      repo.set(KEY, current)
      return current
    },
  }
}

export type SettingsService = ReturnType<typeof createSettingsService>
