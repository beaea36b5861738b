import { create } from 'zustand'
import type { ActivitySummary, RequestLogEntry } from '../../../shared/activity.ts'
import { api } from '../api.ts'
import { rangeBounds, type RangeKey } from '../lib/time-range.ts'

export interface ActivityFilters {
  workspace: string
  model: string
  status: '' | 'ok' | 'error'
  range: RangeKey
  /** `datetime-local` values of a custom range; empty: open. */
  customFrom: string
  customTo: string
  search: string
}

interface ActivityState {
  requests: RequestLogEntry[]
  summary: ActivitySummary | null
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
/** Live requests refresh the spend summary at most this often. */
const SUMMARY_EVERY_MS = 1_000

export const defaultFilters: ActivityFilters = {
  workspace: '',
  model: '',
  status: '',
  range: 'day',
  customFrom: '',
  customTo: '',
  search: '',
}

/** What a search looks through, as the core's search does: never the prompt. */
function searchText(e: RequestLogEntry): string {
  return [
    e.model,
    e.provider,
    e.provider && e.model ? `${e.provider}/${e.model}` : null,
    e.requestedModel,
    e.client,
    e.rule,
    e.ruleKind,
    e.workspace,
    e.why,
    JSON.stringify(e.files),
    JSON.stringify(e.attempts),
    e.group ? JSON.stringify(e.group) : null,
    e.error,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase()
}

/** Whether a live entry belongs in the filtered view. */
export function matchesFilters(
  entry: RequestLogEntry,
  f: Partial<ActivityFilters> & Pick<ActivityFilters, 'workspace' | 'model' | 'status'>,
  now = Date.now(),
): boolean {
  if (f.workspace && entry.workspace !== f.workspace) return false
  if (f.model && entry.model !== f.model && `${entry.provider}/${entry.model}` !== f.model)
    return false
  if (f.status === 'ok' && entry.status >= 400) return false
  if (f.status === 'error' && entry.status < 400) return false
  if (f.range) {
    const { from, to } = rangeBounds(
      f.range,
      { from: f.customFrom ?? '', to: f.customTo ?? '' },
      now,
    )
    if (from && entry.at < from) return false
    if (to && entry.at >= to) return false
  }
  const words = (f.search ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length) {
    const text = searchText(entry)
    if (!words.every((w) => text.includes(w))) return false
  }
  return true
}

function query(f: ActivityFilters) {
  return {
    workspace: f.workspace || undefined,
    model: f.model || undefined,
    status: f.status || undefined,
    search: f.search.trim() || undefined,
    ...rangeBounds(f.range, { from: f.customFrom, to: f.customTo }),
  }
}

export const useActivity = create<ActivityState>((set, get) => {
  let summaryTimer: ReturnType<typeof setTimeout> | undefined
  const loadSummary = async () => {
    const { workspace, from, to } = query(get().filters)
    const summary = await api().activitySummary({ workspace, from, to })
    set({ summary })
  }
  return {
    requests: [],
    summary: null,
    filters: defaultFilters,
    nextBefore: null,
    loaded: false,
    async load() {
      const [page] = await Promise.all([
        api().listRequests({ limit: PAGE, ...query(get().filters) }),
        loadSummary(),
      ])
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
      summaryTimer ??= setTimeout(() => {
        summaryTimer = undefined
        loadSummary().catch(() => {})
      }, SUMMARY_EVERY_MS)
    },
    async clear() {
      await api().clearRequests({})
      set({ requests: [], nextBefore: null })
      await loadSummary()
    },
  }
})
