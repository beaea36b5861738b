import { create } from 'zustand'
import type { RequestLogEntry } from '../../../shared/activity.ts'
import { api } from '../api.ts'

const RECENT = 20

interface OnboardingState {
  /** The newest requests, unfiltered (the Activity page's filters do not hide a setup problem). */
  recent: RequestLogEntry[]
  /** The newest answered request; null while none ever was. */
  firstOk: RequestLogEntry | null
  /** A snippet or the endpoint was copied in this window. */
  copied: boolean
  /** The checklist was incomplete at some point in this window: keep it up to show the tick. */
  sawIncomplete: boolean
  dismissed: boolean
  load(): Promise<void>
  logged(entry: RequestLogEntry): void
  markCopied(): void
  markIncomplete(): void
  dismiss(): void
}

/** What the Overview's first-run checklist and setup problems read, kept live from the log. */
export const useOnboarding = create<OnboardingState>((set) => ({
  recent: [],
  firstOk: null,
  copied: false,
  sawIncomplete: false,
  dismissed: false,
  async load() {
    const [recent, ok] = await Promise.all([
      api().listRequests({ limit: RECENT }),
      api().listRequests({ limit: 1, status: 'ok' }),
    ])
    set({ recent: recent.requests, firstOk: ok.requests[0] ?? null })
  },
  logged(entry) {
    set((s) => ({
      recent: s.recent.some((r) => r.id === entry.id)
        ? s.recent
        : [entry, ...s.recent].slice(0, RECENT),
      firstOk: entry.status < 400 ? entry : s.firstOk,
    }))
  },
  markCopied: () => set({ copied: true }),
  markIncomplete: () => set((s) => (s.sawIncomplete ? s : { sawIncomplete: true })),
  dismiss: () => set({ dismissed: true }),
}))
