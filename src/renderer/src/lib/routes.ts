export const pages = [
  { id: 'overview', label: 'Overview' },
  { id: 'providers', label: 'Providers' },
  { id: 'workspaces', label: 'Workspaces' },
  { id: 'groups', label: 'Model groups' },
  { id: 'personas', label: 'Personas' },
  { id: 'models', label: 'Classifier models' },
  { id: 'activity', label: 'Activity' },
  { id: 'keys', label: 'Keys' },
  { id: 'settings', label: 'Settings' },
] as const

export type PageId = (typeof pages)[number]['id']

/** Hash routes (#/providers) work the same from file:// in Electron and under /ui in a browser. */
export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0]
  return pages.find((p) => p.id === id)?.id ?? 'overview'
}
