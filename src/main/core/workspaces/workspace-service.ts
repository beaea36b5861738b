import { randomUUID } from 'node:crypto'
import { SwitchboardError } from '../../../shared/errors.ts'
import { GROUP_PROVIDER } from '../../../shared/groups.ts'
import type {
  CatchAll,
  Rule,
  StoredRule,
  Target,
  Workspace,
  WorkspaceExport,
  WorkspaceImportMaps,
} from '../../../shared/schemas.ts'
import type { Db } from '../db/connection.ts'
import type { PersonaRepo } from '../db/persona-repo.ts'
import type { ProviderRepo } from '../db/provider-repo.ts'
import type { SettingsRepo } from '../db/settings-repo.ts'
import type { WorkspaceRecord, WorkspaceRepo } from '../db/workspace-repo.ts'
import type { EventBus } from '../events.ts'
import { referencesOf } from '../../../shared/workspace-references.ts'
import { remapDocument } from './import-remap.ts'

interface Deps {
  db: Db
  workspaces: WorkspaceRepo
  providers: ProviderRepo
  personas: Pick<PersonaRepo, 'get' | 'list'>
  /** Rules may target a model group as { provider: 'group', model: <id> }. */
  groupExists: (id: string) => boolean
  settings: SettingsRepo
  events: EventBus
}

const ACTIVE_KEY = 'activeWorkspaceId'
export const DEFAULT_WORKSPACE = 'default'

/** Workspaces, their rules and which one is active. */
export function createWorkspaceService(deps: Deps) {
  const { db, workspaces, providers, personas, settings, events } = deps
  const listeners = new Set<() => void>()

  function activeId(): string {
    return settings.get<string>(ACTIVE_KEY)!
  }

  function view(record: WorkspaceRecord): Workspace {
    return { ...record, active: record.id === activeId() }
  }

  function require(name: string): WorkspaceRecord {
    const record = workspaces.findByName(name)
    if (!record) {
      const known = workspaces
        .summaries()
        .map((w) => `"${w.name}"`)
        .join(', ')
      throw new SwitchboardError(
        'not_found',
        `No workspace named "${name}". Workspaces: ${known}.`,
        { param: 'name' },
      )
    }
    return record
  }

  function requireFree(name: string, except?: string): void {
    const clash = workspaces.findByName(name)
    if (clash && clash.id !== except) {
      throw new SwitchboardError(
        'conflict',
        `A workspace named "${clash.name}" exists already. Pick another name.`,
        {
          param: 'name',
        },
      )
    }
  }

  function checkTargets(targets: Target[], param: string): void {
    for (const t of targets) {
      if (t.provider === GROUP_PROVIDER) {
        if (deps.groupExists(t.model)) continue
        throw new SwitchboardError(
          'invalid_request',
          `Unknown model group "${t.model}" in ${param}. Create the group first.`,
          { param },
        )
      }
      if (!providers.get(t.provider)) {
        const known =
          providers
            .list()
            .map((p) => p.id)
            .join(', ') || 'none yet'
        throw new SwitchboardError(
          'invalid_request',
          `Unknown provider "${t.provider}" in ${param}. Add the provider first, or use one of: ${known}.`,
          { param },
        )
      }
    }
  }

  /** Tells the rule cache and the UI that workspaces changed. */
  function changed(): void {
    for (const listener of listeners) listener()
    const active = activeId()
    events.emit('workspacesChanged', {
      workspaces: workspaces.summaries().map((w) => ({ ...w, active: w.id === active })),
    })
  }

  function ensureDefault(): void {
    if (workspaces.summaries().length === 0) workspaces.insert(DEFAULT_WORKSPACE)
    const current = settings.get<string>(ACTIVE_KEY)
    if (!current || !workspaces.findById(current))
      settings.set(ACTIVE_KEY, workspaces.summaries()[0]!.id)
  }

  function checkPersona(rule: Rule, param: string): void {
    if (rule.kind !== 'persona' || personas.get(rule.persona)) return
    throw new SwitchboardError(
      'invalid_request',
      `Unknown persona "${rule.persona}" in ${param}. Create the persona first, or use one of: ${
        personas
          .list()
          .map((p) => p.id)
          .join(', ') || 'none yet'
      }.`,
      { param: `${param}.persona` },
    )
  }

  function replaceRules(record: WorkspaceRecord, rules: Rule[]): void {
    rules.forEach((r, i) => {
      checkTargets([r.target, ...r.fallbacks], `rules[${i}]`)
      checkPersona(r, `rules[${i}]`)
    })
    const stored: StoredRule[] = rules.map((r) => ({ ...r, id: r.id ?? randomUUID() }))
    const ids = new Set(stored.map((r) => r.id))
    if (ids.size !== stored.length) {
      throw new SwitchboardError(
        'invalid_request',
        'Two rules share one id. Leave id out for new rules.',
        {
          param: 'rules',
        },
      )
    }
    workspaces.replaceRules(record.id, stored)
  }

  function setCatchAll(record: WorkspaceRecord, catchAll: CatchAll | null): void {
    if (catchAll) checkTargets([catchAll.target, ...catchAll.fallbacks], 'catchAll')
    workspaces.setCatchAll(record.id, catchAll)
  }

  /** Every id a map points to must exist here; null (drop) always may. */
  function checkImportMaps(maps: WorkspaceImportMaps): void {
    const check = (
      map: Record<string, string | null>,
      param: string,
      what: string,
      exists: (id: string) => boolean,
    ) => {
      for (const [from, to] of Object.entries(map)) {
        if (to === null || exists(to)) continue
        throw new SwitchboardError(
          'invalid_request',
          `${param} maps "${from}" to the ${what} "${to}", which does not exist here. Pick one you have, or null to drop the rules that use "${from}".`,
          { param: `${param}.${from}` },
        )
      }
    }
    check(maps.providerMap, 'providerMap', 'provider', (id) => !!providers.get(id))
    check(maps.personaMap, 'personaMap', 'persona', (id) => !!personas.get(id))
    check(maps.groupMap, 'groupMap', 'model group', deps.groupExists)
  }

  const importAtomically = db.transaction(
    (existingId: string | undefined, name: string, document: WorkspaceExport) => {
      const id = existingId ?? workspaces.insert(name)
      const record = workspaces.findById(id)!
      replaceRules(
        record,
        document.rules.map((r) => ({ ...r, id: undefined })),
      )
      setCatchAll(record, document.catchAll)
      workspaces.setHoldDecisionForTurn(id, document.holdDecisionForTurn)
      return id
    },
  )

  ensureDefault()

  return {
    /** Called whenever rules or workspaces change; returns the unsubscribe function. */
    onChange(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** Tells listeners to reload, after a bulk change was rolled back. */
    notifyChanged: changed,
    list: () => {
      const active = activeId()
      return workspaces.summaries().map((w) => ({ ...w, active: w.id === active }))
    },
    get: (name: string) => view(require(name)),
    find: (name: string) => workspaces.findByName(name),
    active: () => view(workspaces.findById(activeId())!),
    activeRecord: () => workspaces.findById(activeId())!,

    create(name: string): Workspace {
      requireFree(name)
      const id = workspaces.insert(name)
      changed()
      return view(workspaces.findById(id)!)
    },
    rename(name: string, newName: string): Workspace {
      const record = require(name)
      requireFree(newName, record.id)
      workspaces.rename(record.id, newName)
      changed()
      return view(workspaces.findById(record.id)!)
    },
    delete(name: string): void {
      const record = require(name)
      if (record.id === activeId()) {
        throw new SwitchboardError(
          'conflict',
          `"${record.name}" is the active workspace. Activate another workspace first, then delete this one.`,
          { param: 'name' },
        )
      }
      workspaces.delete(record.id)
      changed()
    },
    activate(name: string): Workspace {
      const record = require(name)
      settings.set(ACTIVE_KEY, record.id)
      changed()
      events.emit('workspaceActivated', { name: record.name })
      return view(record)
    },
    setRules(name: string, rules: Rule[]): Workspace {
      const record = require(name)
      replaceRules(record, rules)
      changed()
      return view(workspaces.findById(record.id)!)
    },
    setCatchAll(name: string, catchAll: CatchAll | null): Workspace {
      const record = require(name)
      setCatchAll(record, catchAll)
      changed()
      return view(workspaces.findById(record.id)!)
    },
    setOptions(
      name: string,
      options: { holdDecisionForTurn?: boolean; dailySpendCapUsd?: number | null },
    ): Workspace {
      const record = require(name)
      if (options.holdDecisionForTurn !== undefined)
        workspaces.setHoldDecisionForTurn(record.id, options.holdDecisionForTurn)
      if (options.dailySpendCapUsd !== undefined)
        workspaces.setDailySpendCap(record.id, options.dailySpendCapUsd)
      changed()
      return view(workspaces.findById(record.id)!)
    },
    export(name: string): WorkspaceExport {
      const record = require(name)
      return {
        switchboard: 'workspace',
        version: 1,
        name: record.name,
        rules: record.rules.map(({ id: _id, ...rule }) => rule),
        catchAll: record.catchAll,
        holdDecisionForTurn: record.holdDecisionForTurn,
      }
    },
    import(
      document: WorkspaceExport,
      options: { name?: string; replace: boolean } & Partial<WorkspaceImportMaps>,
    ): Workspace {
      const name = options.name ?? document.name
      const existing = workspaces.findByName(name)
      if (existing && !options.replace) {
        throw new SwitchboardError(
          'conflict',
          `A workspace named "${existing.name}" exists. Import under another name, or replace it.`,
          { param: 'name' },
        )
      }
      const maps: WorkspaceImportMaps = {
        providerMap: options.providerMap ?? {},
        personaMap: options.personaMap ?? {},
        groupMap: options.groupMap ?? {},
      }
      checkImportMaps(maps)
      const refs = referencesOf(document)
      const unmapped = (
        ids: string[],
        map: Record<string, unknown>,
        exists: (id: string) => boolean,
      ) => ids.filter((id) => !Object.hasOwn(map, id) && !exists(id))
      const missingProviders = unmapped(
        refs.providers,
        maps.providerMap,
        (id) => !!providers.get(id),
      )
      const missingPersonas = unmapped(refs.personas, maps.personaMap, (id) => !!personas.get(id))
      const missingGroups = unmapped(refs.groups, maps.groupMap, deps.groupExists)
      if (missingProviders.length || missingPersonas.length || missingGroups.length) {
        const lacks = [
          missingProviders.length &&
            `providers that do not exist here: ${missingProviders.join(', ')} (map each in providerMap)`,
          missingPersonas.length &&
            `personas that do not exist here: ${missingPersonas.join(', ')} (map each in personaMap, or import a persona export first)`,
          missingGroups.length &&
            `model groups that do not exist here: ${missingGroups.join(', ')} (map each in groupMap)`,
        ].filter(Boolean)
        throw new SwitchboardError(
          'invalid_request',
          `This workspace routes to ${lacks.join(', and to ')}. Map each to one you have, map it to null to drop the rules that use it, or add it first.`,
          { param: 'document', details: { missingProviders, missingPersonas, missingGroups } },
        )
      }
      document = remapDocument(document, maps)
      const id = importAtomically(existing?.id, name, document)
      changed()
      return view(workspaces.findById(id)!)
    },
  }
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>
