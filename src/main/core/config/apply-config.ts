import { fieldPath, SwitchboardError } from '../../../shared/errors.ts'
import type { Db } from '../db/connection.ts'
import type { SettingsRepo } from '../db/settings-repo.ts'
import type { GroupService } from '../groups/group-service.ts'
import type { PersonaService } from '../personas/persona-service.ts'
import type { ProviderService } from '../providers/provider-service.ts'
import type { SettingsService } from '../settings-service.ts'
import type { WorkspaceService } from '../workspaces/workspace-service.ts'
import type { ConfigFile, WorkspaceEntry } from './config-schema.ts'
import { ConfigError, type LoadedConfig } from './load-config.ts'
import type { ManagedSnapshot } from './managed-objects.ts'

export interface ApplyDeps {
  db: Db
  providers: ProviderService
  personas: PersonaService
  groups: GroupService
  workspaces: WorkspaceService
  settings: SettingsService
  /** Where the last applied snapshot is kept, so objects dropped from the file are removed. */
  state: SettingsRepo
}

export interface ApplyResult {
  snapshot: ManagedSnapshot
  /** Providers added or edited: the caller connects to them and lists their models. */
  changedProviders: string[]
}

const SNAPSHOT_KEY = 'configManaged'

/** The snapshot of the last applied file, or null when none was ever applied. */
export function lastAppliedSnapshot(state: SettingsRepo): ManagedSnapshot | null {
  return state.get<ManagedSnapshot>(SNAPSHOT_KEY) ?? null
}

/**
 * Applies a validated config file all-or-nothing in one SQLite transaction: declared objects are
 * created or replaced, objects the previous file declared and this one does not are removed.
 * A refusal from a service (an unknown provider in a rule...) rolls everything back and comes
 * out as a ConfigError at the field's line.
 */
export function applyConfig(loaded: LoadedConfig, deps: ApplyDeps): ApplyResult {
  const { config } = loaded
  let at: PropertyKey[] = []
  const step = <T>(path: PropertyKey[], run: () => T): T => {
    at = path
    return run()
  }
  const changedProviders: string[] = []
  const previous = lastAppliedSnapshot(deps.state)
  const snapshot = snapshotOf(loaded.file, config)

  const transaction = deps.db.transaction(() => {
    config.providers.forEach((p, i) =>
      step(['providers', i], () => {
        if (deps.providers.put(p)) changedProviders.push(p.id)
      }),
    )
    config.personas.forEach((p, i) => step(['personas', i], () => putPersona(deps.personas, p)))
    config.modelGroups.forEach((g, i) =>
      step(['modelGroups', i], () => {
        const current = deps.groups.find(g.id)
        if (!current) deps.groups.create(g)
        else if (!sameJson(pickGroup(current), pickGroup(g))) deps.groups.update(current.id, g)
      }),
    )
    config.workspaces.forEach((w, i) => step(['workspaces', i], () => putWorkspace(deps, w)))
    if (config.activeWorkspace && deps.workspaces.active().name !== config.activeWorkspace)
      step(['activeWorkspace'], () => deps.workspaces.activate(config.activeWorkspace!))
    if (previous) step([], () => removeDropped(deps, previous, snapshot, config))
    deps.state.set(SNAPSHOT_KEY, snapshot)
    // Last: settings live in memory too, and nothing after this can fail and roll them back.
    const current = deps.settings.get()
    const patch = Object.fromEntries(
      Object.entries(config.settings).filter(
        ([k, v]) => !sameJson(current[k as keyof typeof current], v),
      ),
    )
    if (Object.keys(patch).length) step(['settings'], () => deps.settings.update(patch))
  })

  try {
    transaction()
  } catch (err) {
    // Caches that reloaded during the transaction reload again, from the state rolled back to.
    notifyAll(deps)
    if (!(err instanceof SwitchboardError)) throw err
    const path = [...at, ...paramPath(err.param)]
    throw new ConfigError(loaded.file, [
      { ...loaded.locate(path), path: fieldPath(path), message: err.message },
    ])
  }
  return { snapshot, changedProviders }
}

/** Tells every service's listeners (caches, the window) to reload from the database. */
export function notifyAll(deps: ApplyDeps): void {
  deps.providers.notifyChanged()
  deps.personas.notifyChanged()
  deps.groups.notifyChanged()
  deps.workspaces.notifyChanged()
}

function snapshotOf(file: string, config: ConfigFile): ManagedSnapshot {
  return {
    file,
    providers: config.providers.map((p) => p.id),
    personas: config.personas.map((p) => p.id),
    groups: config.modelGroups.map((g) => g.id),
    workspaces: config.workspaces.map((w) => w.name),
    settings: Object.keys(config.settings),
    activeWorkspace: config.activeWorkspace !== undefined,
  }
}

function putPersona(personas: PersonaService, p: ConfigFile['personas'][number]): void {
  if (!personas.exists(p.id)) {
    personas.create(p)
    return
  }
  const current = personas.get(p.id)
  const next = { name: p.name, description: p.description, examples: p.examples }
  const now = { name: current.name, description: current.description, examples: current.examples }
  if (!sameJson(now, next)) personas.update(p.id, next)
}

function putWorkspace(deps: ApplyDeps, w: WorkspaceEntry): void {
  if (!deps.workspaces.find(w.name)) deps.workspaces.create(w.name)
  const current = deps.workspaces.find(w.name)!
  // Rule ids are compared only when the file names them; otherwise the stored ones are kept.
  const fileHasIds = w.rules.some((r) => r.id !== undefined)
  const rulesNow = current.rules.map(({ id, ...rule }) => (fileHasIds ? { id, ...rule } : rule))
  if (!sameJson(rulesNow, w.rules)) deps.workspaces.setRules(current.name, w.rules)
  if (!sameJson(current.catchAll, w.catchAll)) deps.workspaces.setCatchAll(current.name, w.catchAll)
  if (current.holdDecisionForTurn !== w.holdDecisionForTurn)
    deps.workspaces.setOptions(current.name, { holdDecisionForTurn: w.holdDecisionForTurn })
  if ((current.dailySpendCapUsd ?? null) !== w.dailySpendCapUsd)
    deps.workspaces.setOptions(current.name, { dailySpendCapUsd: w.dailySpendCapUsd })
}

/** Removes what the previous file declared and this one does not (references first). */
function removeDropped(
  deps: ApplyDeps,
  previous: ManagedSnapshot,
  next: ManagedSnapshot,
  config: ConfigFile,
): void {
  const dropped = (kind: 'providers' | 'personas' | 'groups' | 'workspaces') => {
    const kept = new Set(next[kind].map((k) => k.toLowerCase()))
    return previous[kind].filter((k) => !kept.has(k.toLowerCase()))
  }
  for (const name of dropped('workspaces')) {
    if (!deps.workspaces.find(name)) continue
    if (deps.workspaces.active().name.toLowerCase() === name.toLowerCase()) {
      const successor = config.activeWorkspace ?? config.workspaces[0]?.name
      // With nothing to switch to, the workspace stays (no longer managed) rather than leave none active.
      if (!successor) continue
      deps.workspaces.activate(successor)
    }
    deps.workspaces.delete(name)
  }
  for (const id of dropped('groups')) if (deps.groups.find(id)) deps.groups.delete(id)
  for (const id of dropped('personas')) if (deps.personas.exists(id)) deps.personas.delete(id, true)
  for (const id of dropped('providers'))
    if (deps.providers.record(id)) deps.providers.delete({ id, force: true })
}

const pickGroup = (g: ConfigFile['modelGroups'][number]) => ({
  strategy: g.strategy,
  targets: g.targets,
  rules: g.rules,
  classifier: g.classifier,
})

/** JSON equality that ignores key order. */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  )
}

/** `rules[2].persona` -> ['rules', 2, 'persona']. */
function paramPath(param: string | null): PropertyKey[] {
  if (!param) return []
  return param
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}
