import { basename } from 'node:path'

/** What the applied config file declares: these objects are read-only everywhere else. */
export interface ManagedSnapshot {
  file: string
  providers: string[]
  personas: string[]
  groups: string[]
  workspaces: string[]
  /** Setting keys the file sets. */
  settings: string[]
  /** The file names the active workspace, so switching is refused. */
  activeWorkspace: boolean
}

/** The registry of file-managed objects, answering "who manages this?" by id or name. */
export function createManagedObjects() {
  let snapshot: ManagedSnapshot | null = null
  let sets: Record<'providers' | 'personas' | 'groups' | 'workspaces' | 'settings', Set<string>>
  const has = (kind: keyof typeof sets, key: string) =>
    snapshot !== null && sets[kind].has(key.toLowerCase())
  const label = () => (snapshot ? basename(snapshot.file) : undefined)
  const lower = (list: string[]) => new Set(list.map((k) => k.toLowerCase()))

  return {
    /** Replaces what is managed (after a file was applied). */
    set(next: ManagedSnapshot | null): void {
      snapshot = next
      if (next) {
        sets = {
          providers: lower(next.providers),
          personas: lower(next.personas),
          groups: lower(next.groups),
          workspaces: lower(next.workspaces),
          settings: new Set(next.settings.map((k) => k.toLowerCase())),
        }
      }
    },
    /** The file's name, as the window and errors show it ("switchboard.yaml"). */
    label,
    provider: (id: string) => (has('providers', id) ? label() : undefined),
    persona: (id: string) => (has('personas', id) ? label() : undefined),
    group: (id: string) => (has('groups', id) ? label() : undefined),
    workspace: (name: string) => (has('workspaces', name) ? label() : undefined),
    setting: (key: string) => (has('settings', key) ? label() : undefined),
    activeWorkspace: () => (snapshot?.activeWorkspace ? label() : undefined),
  }
}

export type ManagedObjects = ReturnType<typeof createManagedObjects>
