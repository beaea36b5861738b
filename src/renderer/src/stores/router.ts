import { create } from 'zustand'
import { pageFromHash, type PageId } from '../lib/routes.ts'
import { hasUnsaved, useUnsaved } from './unsaved.ts'

export { pages, type PageId } from '../lib/routes.ts'

interface RouterState {
  page: PageId
  /** Moves to `page`, asking first when a form there has unsaved changes. */
  go(page: PageId): void
}

/** The current page, kept in the URL hash so reloads and the back button work. */
export const useRouter = create<RouterState>((set, get) => ({
  page: pageFromHash(location.hash),
  go(page) {
    if (page === get().page) return
    useUnsaved.getState().guard(() => {
      location.hash = `#/${page}`
      set({ page })
    })
  },
}))

window.addEventListener('hashchange', () => {
  const next = pageFromHash(location.hash)
  const current = useRouter.getState().page
  if (next === current) return
  // Back/forward or a typed URL: put the hash back while the user decides.
  history.replaceState(null, '', `#/${current}`)
  useRouter.getState().go(next)
})

// Reload or close: the browser (or the app's own prompt) asks before unsaved changes are lost.
window.addEventListener('beforeunload', (e) => {
  if (!hasUnsaved()) return
  e.preventDefault()
  e.returnValue = ''
})
