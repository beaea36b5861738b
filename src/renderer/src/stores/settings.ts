import { create } from 'zustand'
import type { Settings } from '../../../shared/schemas.ts'
import { api } from '../api.ts'

interface SettingsState {
  settings: Settings | null
  load(): Promise<void>
  update(patch: Partial<Settings>): Promise<Settings>
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  async load() {
    set({ settings: await api().getSettings({}) })
  },
  async update(patch) {
    const settings = await api().updateSettings(patch)
    set({ settings })
    return settings
  },
}))
