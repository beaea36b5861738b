import { create } from 'zustand'
import type {
  CatchAll,
  Rule,
  Workspace,
  WorkspaceExport,
  WorkspaceImportMaps,
  WorkspaceSummary,
} from '../../../shared/schemas.ts'
import { api } from '../api.ts'

interface WorkspacesState {
  workspaces: WorkspaceSummary[]
  loaded: boolean
  /** The workspace open in the editor, with its rules. */
  current: Workspace | null
  load(): Promise<void>
  replace(workspaces: WorkspaceSummary[]): void
  markActive(name: string): void
  open(name: string): Promise<void>
  create(name: string): Promise<Workspace>
  rename(name: string, newName: string): Promise<Workspace>
  remove(name: string): Promise<void>
  activate(name: string): Promise<void>
  saveRules(name: string, rules: Rule[]): Promise<Workspace>
  saveCatchAll(name: string, catchAll: CatchAll | null): Promise<Workspace>
  saveOptions(
    name: string,
    options: { holdDecisionForTurn?: boolean; dailySpendCapUsd?: number | null },
  ): Promise<Workspace>
  exportJson(name: string): Promise<WorkspaceExport>
  importJson(
    document: WorkspaceExport,
    name?: string,
    replace?: boolean,
    maps?: Partial<WorkspaceImportMaps>,
  ): Promise<Workspace>
}

export const useWorkspaces = create<WorkspacesState>((set, get) => {
  const show = (w: Workspace) => {
    set({ current: w })
    return w
  }
  return {
    workspaces: [],
    loaded: false,
    current: null,
    async load() {
      const workspaces = await api().listWorkspaces({})
      set({ workspaces, loaded: true })
      const name = get().current?.name
      const still = workspaces.find((w) => w.name === name)
      const pick = still ?? workspaces.find((w) => w.active)
      if (pick) await get().open(pick.name)
    },
    replace(workspaces) {
      set({ workspaces, loaded: true })
      const current = get().current
      if (!current) return
      const summary = workspaces.find((w) => w.id === current.id)
      // Deleted elsewhere: fall back to the active one. Changed elsewhere: reload its rules.
      const next = summary ?? workspaces.find((w) => w.active)
      if (next && (!summary || summary.updatedAt !== current.updatedAt)) void get().open(next.name)
    },
    markActive(name) {
      set((s) => ({
        workspaces: s.workspaces.map((w) => ({ ...w, active: w.name === name })),
        current: s.current && { ...s.current, active: s.current.name === name },
      }))
    },
    async open(name) {
      show(await api().getWorkspace({ name }))
    },
    async create(name) {
      const w = show(await api().createWorkspace({ name }))
      set({ workspaces: await api().listWorkspaces({}) })
      return w
    },
    async rename(name, newName) {
      const w = show(await api().renameWorkspace({ name, newName }))
      set({ workspaces: await api().listWorkspaces({}) })
      return w
    },
    async remove(name) {
      await api().deleteWorkspace({ name })
      await get().load()
    },
    async activate(name) {
      await api().activateWorkspace({ name })
      get().markActive(name)
    },
    async saveRules(name, rules) {
      return show(await api().setRules({ name, rules }))
    },
    async saveCatchAll(name, catchAll) {
      return show(await api().setCatchAll({ name, catchAll }))
    },
    async saveOptions(name, options) {
      return show(await api().setWorkspaceOptions({ name, ...options }))
    },
    exportJson: (name) => api().exportWorkspace({ name }),
    async importJson(document, name, replace = false, maps = {}) {
      const w = show(await api().importWorkspace({ document, name, replace, ...maps }))
      set({ workspaces: await api().listWorkspaces({}) })
      return w
    },
  }
})
