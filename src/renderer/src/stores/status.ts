import { create } from 'zustand'
import type { AppStatus, ServerStatus } from '../../../shared/schemas.ts'
import { api } from '../api.ts'

interface StatusState {
  status: AppStatus | null
  load(): Promise<void>
  setServer(server: ServerStatus): void
  setActiveWorkspace(name: string): void
}

/** Version, data dir, proxy state and the active workspace, mirrored from the core. */
export const useStatus = create<StatusState>((set) => ({
  status: null,
  async load() {
    set({ status: await api().getStatus({}) })
  },
  setServer: (server) => set((s) => (s.status ? { status: { ...s.status, server } } : s)),
  setActiveWorkspace: (name) =>
    set((s) => (s.status ? { status: { ...s.status, activeWorkspace: name } } : s)),
}))
