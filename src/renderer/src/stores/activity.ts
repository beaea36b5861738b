import { create } from 'zustand'
import type { RequestLogEntry } from '../../../shared/activity.ts'
import { api } from '../api.ts'

export interface ActivityFilters {
  workspace: string
  model: string
  status: '' | 'ok' | 'error'
}

interface ActivityState {
  requests: RequestLogEntry[]
  filters: ActivityFilters
  nextBefore: number | null
  loaded: boolean
  load(): Promise<void>
  loadMore(): Promise<void>
  setFilters(filters: Partial<ActivityFilters>): Promise<void>
  logged(entry: RequestLogEntry): void
  clear(): Promise<void>
}

const PAGE = 100
const KEEP = 1_000

/** Whether a live entry belongs in the filtered view. */
export function matchesFilters(entry: RequestLogEntry, f: ActivityFilters): boolean {
  if (f.workspace && entry.workspace !== f.workspace) return false
  if (f.model && entry.model !== f.model) return false
  if (f.status === 'ok' && entry.status >= 400) return false
  if (f.status === 'error' && entry.status < 400) return false
  return true
}

function query(f: ActivityFilters) {
  return {
    workspace: f.workspace || undefined,
    model: f.model || undefined,
    status: f.status || undefined,
  }
}

export const useActivity = create<ActivityState>((set, get) => ({
  requests: [],
  filters: { workspace: '', model: '', status: '' },
  nextBefore: null,
  loaded: false,
  async load() {
    const page = await api().listRequests({ limit: PAGE, ...query(get().filters) })
    set({ requests: page.requests, nextBefore: page.nextBefore, loaded: true })
  },
  async loadMore() {
    const before = get().nextBefore
    if (before === null) return
    const page = await api().listRequests({ limit: PAGE, before, ...query(get().filters) })
    set((s) => ({ requests: [...s.requests, ...page.requests], nextBefore: page.nextBefore }))
  },
  async setFilters(filters) {
    set((s) => ({ filters: { ...s.filters, ...filters } }))
    await get().load()
  },
  logged(entry) {
    if (!matchesFilters(entry, get().filters)) return
    set((s) =>
      s.requests.some((r) => r.id === entry.id)
        ? s
        : { requests: [entry, ...s.requests].slice(0, KEEP) },
    )
  },
  async clear() {
    await api().clearRequests({})
    set({ requests: [], nextBefore: null })
  },
}))
