import { GROUP_PROVIDER } from '../../../shared/groups.ts'
import type {
  CatchAll,
  Rule,
  Target,
  WorkspaceExport,
  WorkspaceImportMaps,
} from '../../../shared/schemas.ts'

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
