import { create } from 'zustand'
import { pageFromHash, type PageId } from '../lib/routes.ts'

export { pages, type PageId } from '../lib/routes.ts'

interface RouterState {
  page: PageId
  go(page: PageId): void
}

/** The current page, kept in the URL hash so reloads and the back button work. */
export const useRouter = create<RouterState>((set) => ({
  page: pageFromHash(location.hash),
  go(page) {
    location.hash = `#/${page}`
    set({ page })
  },
}))

window.addEventListener('hashchange', () =>
  useRouter.setState({ page: pageFromHash(location.hash) }),
)
