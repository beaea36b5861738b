import type { OperationName, OperationOutput, ParsedInput } from '../../../shared/contract.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { EventMap, EventName } from '../../../shared/events.ts'
import type { Handlers } from '../api/handlers.ts'
import type { EventBus } from '../events.ts'
import type { ManagedObjects } from './managed-objects.ts'

type Guards = { [K in OperationName]?: (input: ParsedInput<K>) => void }
type Marks = { [K in OperationName]?: (output: OperationOutput<K>) => OperationOutput<K> }
type EventMarks = { [E in EventName]?: (payload: EventMap[E]) => EventMap[E] }

function refuse(file: string, what: string, param: string): never {
  throw new SwitchboardError(
    'conflict',
    `${what} is managed by ${file}: edit the file (Switchboard reloads it on save).`,
    { param },
  )
}

/** Per-object marks: `managedBy` on what the config file declares. */
function markers(m: ManagedObjects) {
  const withMark = <T extends object>(item: T, file: string | undefined): T =>
    file ? { ...item, managedBy: file } : item
  return {
    provider: <T extends { id: string }>(p: T): T => withMark(p, m.provider(p.id)),
    workspace: <T extends { name: string }>(w: T): T => withMark(w, m.workspace(w.name)),
    persona: <T extends { id: string }>(p: T): T => withMark(p, m.persona(p.id)),
    group: <T extends { id: string }>(g: T): T => withMark(g, m.group(g.id)),
  }
}

/**
 * The contract's handlers with file-managed objects read-only: writes to them are refused with
 * a 409 that names the file, and every object they return carries `managedBy`.
 */
export function guardManagedHandlers(handlers: Handlers, m: ManagedObjects): Handlers {
  const check = (file: string | undefined, what: string, param: string) => {
    if (file) refuse(file, what, param)
  }
  const provider = ({ id }: { id: string }) => check(m.provider(id), `Provider "${id}"`, 'id')
  const workspace = ({ name }: { name: string }) =>
    check(m.workspace(name), `Workspace "${name}"`, 'name')
  const persona = ({ id }: { id: string }) => check(m.persona(id), `Persona "${id}"`, 'id')
  const group = ({ id }: { id: string }) => check(m.group(id), `Model group "${id}"`, 'id')
  const guards: Guards = {
    updateProvider: provider,
    deleteProvider: provider,
    renameWorkspace: workspace,
    deleteWorkspace: workspace,
    setRules: workspace,
    setCatchAll: workspace,
    setWorkspaceOptions: workspace,
    importWorkspace: ({ document, name, replace }) => {
      if (replace) workspace({ name: name ?? document.name })
    },
    activateWorkspace: () => check(m.activeWorkspace(), 'The active workspace', 'name'),
    updatePersona: persona,
    deletePersona: persona,
    importPersonas: ({ document, replace }) => {
      if (replace) for (const p of document.personas) persona(p)
    },
    updateGroup: group,
    deleteGroup: group,
    updateSettings: (patch) => {
      for (const key of Object.keys(patch)) check(m.setting(key), `The setting "${key}"`, key)
    },
  }
  const mark = markers(m)
  const marks: Marks = {
    listProviders: (list) => list.map(mark.provider),
    getProvider: mark.provider,
    createProvider: mark.provider,
    updateProvider: mark.provider,
    refreshProvider: mark.provider,
    listWorkspaces: (list) => list.map(mark.workspace),
    getActiveWorkspace: mark.workspace,
    activateWorkspace: mark.workspace,
    getWorkspace: mark.workspace,
    createWorkspace: mark.workspace,
    renameWorkspace: mark.workspace,
    setRules: mark.workspace,
    setCatchAll: mark.workspace,
    setWorkspaceOptions: mark.workspace,
    importWorkspace: mark.workspace,
    listPersonas: (list) => list.map(mark.persona),
    createPersona: (out) => ({ ...out, persona: mark.persona(out.persona) }),
    updatePersona: (out) => ({ ...out, persona: mark.persona(out.persona) }),
    listGroups: (list) => list.map(mark.group),
    getGroup: mark.group,
    createGroup: mark.group,
    updateGroup: mark.group,
  }
  const guarded = { ...handlers } as unknown as Record<string, (input: unknown) => unknown>
  for (const name of Object.keys(handlers) as OperationName[]) {
    const guard = guards[name] as ((input: unknown) => void) | undefined
    const markOutput = marks[name] as ((output: unknown) => unknown) | undefined
    if (!guard && !markOutput) continue
    const handler = handlers[name] as (input: unknown) => unknown
    guarded[name] = (input) => {
      guard?.(input)
      const output = handler(input)
      if (!markOutput) return output
      return output instanceof Promise ? output.then(markOutput) : markOutput(output)
    }
  }
  return guarded as Handlers
}

/** An event bus whose object lists carry `managedBy`, so the window mirrors it like the API. */
export function markManagedEvents(bus: EventBus, m: ManagedObjects): EventBus {
  const mark = markers(m)
  const marks: EventMarks = {
    providersChanged: (p) => ({ providers: p.providers.map(mark.provider) }),
    workspacesChanged: (p) => ({ workspaces: p.workspaces.map(mark.workspace) }),
    personasChanged: (p) => ({ personas: p.personas.map(mark.persona) }),
    groupsChanged: (p) => ({ groups: p.groups.map(mark.group) }),
  }
  return {
    ...bus,
    emit(event, payload) {
      const markPayload = marks[event] as ((p: typeof payload) => typeof payload) | undefined
      bus.emit(event, markPayload ? markPayload(payload) : payload)
    },
  }
}
