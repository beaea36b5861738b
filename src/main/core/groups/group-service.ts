import { GROUP_PROVIDER, type GroupTarget, type ModelGroup } from '../../../shared/groups.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { ProviderRepo } from '../db/provider-repo.ts'
import type { SettingsRepo } from '../db/settings-repo.ts'
import type { EventBus } from '../events.ts'
import type { GroupRepo, StoredGroup } from './group-repo.ts'
import type { GroupDraft } from './group-types.ts'
import { defaultGroups, pickAutoTargets } from './seed-groups.ts'

interface Deps {
  repo: GroupRepo
  providers: Pick<ProviderRepo, 'get' | 'list'>
  workspaceExists: (name: string) => boolean
  settings: SettingsRepo
  events: EventBus
}

const SEEDED = 'groupsSeeded'
const readyMade = new Set(defaultGroups.map((g) => g.id))
const AUTO_SEEDED = 'autoGroupSeeded'

/** Model groups: CRUD with validation, seeded examples, and which targets a provider serves. */
export function createGroupService(deps: Deps) {
  const { repo, providers, events } = deps
  const listeners = new Set<() => void>()
  // Groups by lower-cased id for the hot path (a model name is checked against them per request).
  let byId: Map<string, StoredGroup> | null = null

  /** The provider that serves a target now: the named one, or any provider that lists the model. */
  function servingProvider(target: GroupTarget): string | null {
    if (target.provider) return providers.get(target.provider) ? target.provider : null
    return providers.list().find((p) => p.models.some((m) => m.id === target.model))?.id ?? null
  }

  function view(g: StoredGroup): ModelGroup {
    const unavailable = g.targets
      .filter((t) => !servingProvider(t))
      .map((t) => (t.provider ? `${t.provider}/${t.model}` : t.model))
    const waitingForProvider =
      readyMade.has(g.id) && unavailable.length === g.targets.length && g.targets.length > 0
    return { ...g, unavailable, waitingForProvider }
  }

  function require(id: string): StoredGroup {
    const group = repo.get(id)
    if (!group) {
      throw new SwitchboardError(
        'not_found',
        `No model group "${id}". List them with GET /api/v1/model-groups.`,
        { param: 'id' },
      )
    }
    return group
  }

  function validate(g: GroupDraft, creating: boolean): void {
    if (creating && repo.get(g.id)) {
      throw new SwitchboardError(
        'conflict',
        `A model group "${g.id}" exists already. Pick another name.`,
        { param: 'id' },
      )
    }
    if (creating && (providers.get(g.id.toLowerCase()) || deps.workspaceExists(g.id))) {
      throw new SwitchboardError(
        'conflict',
        `"${g.id}" is already the name of a ${providers.get(g.id.toLowerCase()) ? 'provider' : 'workspace'}; clients could not tell them apart. Pick another name.`,
        { param: 'id' },
      )
    }
    g.targets.forEach((t, i) => {
      if (t.provider && !providers.get(t.provider)) {
        throw new SwitchboardError(
          'invalid_request',
          `Unknown provider "${t.provider}" in targets[${i}]. Add the provider first, or leave provider empty to use whichever provider serves "${t.model}".`,
          {
            param: `targets[${i}].provider`,
          },
        )
      }
    })
    g.rules.forEach((r, i) => {
      if (r.target >= g.targets.length) {
        throw new SwitchboardError(
          'invalid_request',
          `rules[${i}] points at target ${r.target}, but the group has ${g.targets.length} target${g.targets.length === 1 ? '' : 's'} (numbered from 0).`,
          {
            param: `rules[${i}].target`,
          },
        )
      }
      const regex = /^\/(.+)\/([a-z]*)$/s.exec(r.pattern)
      if (regex) {
        try {
          new RegExp(regex[1]!, regex[2])
        } catch (err) {
          throw new SwitchboardError(
            'invalid_request',
            `rules[${i}].pattern is not a valid regular expression: ${(err as Error).message}.`,
            {
              param: `rules[${i}].pattern`,
            },
          )
        }
      }
    })
    if (g.strategy === 'classifier' && g.classifier.source === 'provider') {
      const t = g.classifier.target
      if (!t || !providers.get(t.provider)) {
        throw new SwitchboardError(
          'invalid_request',
          'A provider classifier needs classifier.target: a provider and model that rate requests (this spends tokens).',
          {
            param: 'classifier.target',
          },
        )
      }
    }
  }

  function changed(): void {
    byId = null
    for (const listener of listeners) listener()
    events.emit('groupsChanged', { groups: repo.list().map(view) })
  }

  /** Seeds the example groups on first run, and `auto` once a provider lists models. */
  function seed(): void {
    if (!deps.settings.get<boolean>(SEEDED)) {
      for (const g of defaultGroups) if (!repo.get(g.id)) repo.save(g)
      deps.settings.set(SEEDED, true)
    }
    if (!deps.settings.get<boolean>(AUTO_SEEDED) && !repo.get('auto')) {
      const targets = pickAutoTargets(providers.list())
      if (targets.length) {
        repo.save({
          id: 'auto',
          strategy: 'heuristic',
          targets,
          rules: [],
          classifier: { source: 'local', target: null },
        })
        deps.settings.set(AUTO_SEEDED, true)
      }
    }
  }

  seed()
  events.onAny((event) => {
    if (event !== 'providersChanged') return
    seed()
    // Which targets a provider serves follows the providers: tell the UI at once.
    changed()
  })

  return {
    onChange(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    list: () => repo.list().map(view),
    /** The groups clients may ask for: all but ready-made ones still waiting for a provider. */
    offered: () => repo.list().filter((g) => !view(g).waitingForProvider),
    get: (id: string) => view(require(id)),
    /** A group by id, case-insensitively, from memory. */
    find: (id: string): StoredGroup | undefined =>
      (byId ??= new Map(repo.list().map((g) => [g.id.toLowerCase(), g]))).get(id.toLowerCase()),
    servingProvider,
    /** Tells listeners to reload, after a bulk change was rolled back. */
    notifyChanged: changed,
    create(draft: GroupDraft): ModelGroup {
      validate(draft, true)
      repo.save(draft)
      changed()
      return view(require(draft.id))
    },
    update(id: string, patch: Partial<Omit<GroupDraft, 'id'>>): ModelGroup {
      const current = require(id)
      const next: GroupDraft = {
        id: current.id,
        strategy: patch.strategy ?? current.strategy,
        targets: patch.targets ?? current.targets,
        rules: patch.rules ?? current.rules,
        classifier: patch.classifier ?? current.classifier,
      }
      validate(next, false)
      repo.save(next)
      changed()
      return view(require(id))
    },
    delete(id: string): void {
      require(id)
      repo.delete(id)
      changed()
    },
  }
}

export type GroupService = ReturnType<typeof createGroupService>
export { GROUP_PROVIDER }
