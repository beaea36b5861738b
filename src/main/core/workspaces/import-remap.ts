import { GROUP_PROVIDER } from '../../../shared/groups.ts'
import type {
  CatchAll,
  Rule,
  Target,
  WorkspaceExport,
  WorkspaceImportMaps,
} from '../../../shared/schemas.ts'

/** The providers, personas and model groups a workspace document routes to. */
export interface DocumentReferences {
  providers: string[]
  personas: string[]
  groups: string[]
}

function targetsOf(document: WorkspaceExport): Target[] {
  const targets = document.rules.flatMap((r) => [r.target, ...r.fallbacks])
  if (document.catchAll) targets.push(document.catchAll.target, ...document.catchAll.fallbacks)
  return targets
}

/** Every provider, persona and group id a workspace document names, each once. */
export function referencesOf(document: WorkspaceExport): DocumentReferences {
  const targets = targetsOf(document)
  const unique = (ids: string[]) => [...new Set(ids)]
  return {
    providers: unique(targets.filter((t) => t.provider !== GROUP_PROVIDER).map((t) => t.provider)),
    groups: unique(targets.filter((t) => t.provider === GROUP_PROVIDER).map((t) => t.model)),
    personas: unique(document.rules.flatMap((r) => (r.kind === 'persona' ? [r.persona] : []))),
  }
}

/** A map's answer for an id: the id itself when unmapped, another id, or null to drop. */
function lookUp(map: Record<string, string | null>, id: string): string | null {
  return Object.hasOwn(map, id) ? map[id]! : id
}

/**
 * Applies the import maps to a document: targets and personas are renamed; a rule whose target
 * or persona maps to null is left out, as is such a fallback; a catch-all whose target is dropped
 * moves on to its first kept fallback.
 */
export function remapDocument(
  document: WorkspaceExport,
  maps: WorkspaceImportMaps,
): WorkspaceExport {
  const remap = (t: Target): Target | null => {
    if (t.provider === GROUP_PROVIDER) {
      const group = lookUp(maps.groupMap, t.model)
      return group === null ? null : { provider: GROUP_PROVIDER, model: group }
    }
    const provider = lookUp(maps.providerMap, t.provider)
    return provider === null ? null : { provider, model: t.model }
  }
  const kept = (targets: Target[]) => targets.map(remap).filter((t): t is Target => t !== null)

  const rules = document.rules.flatMap((rule): Rule[] => {
    const target = remap(rule.target)
    if (!target) return []
    const routed = { ...rule, target, fallbacks: kept(rule.fallbacks) }
    if (routed.kind !== 'persona') return [routed]
    const persona = lookUp(maps.personaMap, routed.persona)
    return persona === null ? [] : [{ ...routed, persona }]
  })

  let catchAll: CatchAll | null = null
  if (document.catchAll) {
    const [target, ...fallbacks] = kept([document.catchAll.target, ...document.catchAll.fallbacks])
    catchAll = target ? { target, fallbacks } : null
  }
  return { ...document, rules, catchAll }
}
