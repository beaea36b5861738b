import { GROUP_PROVIDER } from '../../../shared/groups.ts'
import type { Target, WorkspaceExport, WorkspaceImportMaps } from '../../../shared/schemas.ts'
import { referencesOf } from '../../../shared/workspace-references.ts'

export type MissingKind = 'provider' | 'persona' | 'group'

/** Something an imported workspace routes to that this machine does not have. */
export interface MissingReference {
  kind: MissingKind
  id: string
  /** How many rules (the catch-all counts as one) name it. */
  uses: number
}

/** A choice for a missing reference: one of ours, DROP, or undefined while unchosen. */
// No provider, persona or group id has a space, so this value cannot collide with one.
export const DROP = 'drop rules'
export type MappingChoices = Record<string, string | undefined>

export const choiceKey = (kind: MissingKind, id: string) => `${kind}:${id}`

const names = (t: Target, kind: MissingKind, id: string) =>
  kind === 'group'
    ? t.provider === GROUP_PROVIDER && t.model === id
    : kind === 'provider' && t.provider === id

/** What the document names that is missing here, in the order providers, personas, groups. */
export function missingReferences(
  document: WorkspaceExport,
  have: { providers: string[]; personas: string[]; groups: string[] },
): MissingReference[] {
  const refs = referencesOf(document)
  const routes = [
    ...document.rules.map((r) => ({ targets: [r.target, ...r.fallbacks], rule: r })),
    ...(document.catchAll
      ? [{ targets: [document.catchAll.target, ...document.catchAll.fallbacks], rule: null }]
      : []),
  ]
  const uses = (kind: MissingKind, id: string) =>
    routes.filter(({ targets, rule }) =>
      kind === 'persona'
        ? rule?.kind === 'persona' && rule.persona === id
        : targets.some((t) => names(t, kind, id)),
    ).length
  const missing = (kind: MissingKind, ids: string[], known: string[]) =>
    ids.filter((id) => !known.includes(id)).map((id) => ({ kind, id, uses: uses(kind, id) }))
  return [
    ...missing('provider', refs.providers, have.providers),
    ...missing('persona', refs.personas, have.personas),
    ...missing('group', refs.groups, have.groups),
  ]
}

/** The import maps for the choices made; null when some missing reference has no choice yet. */
export function importMaps(
  missing: MissingReference[],
  choices: MappingChoices,
): WorkspaceImportMaps | null {
  const maps: WorkspaceImportMaps = { providerMap: {}, personaMap: {}, groupMap: {} }
  const mapOf = { provider: maps.providerMap, persona: maps.personaMap, group: maps.groupMap }
  for (const m of missing) {
    const choice = choices[choiceKey(m.kind, m.id)]
    if (choice === undefined) return null
    mapOf[m.kind][m.id] = choice === DROP ? null : choice
  }
  return maps
}

/** `name`, or `name 2`, `name 3`… whichever is not taken (compared as the core does, by case). */
export function freeName(name: string, taken: string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()))
  if (!lower.has(name.toLowerCase())) return name
  for (let i = 2; i < 1000; i++) {
    const candidate = `${name.slice(0, 60)} ${i}`
    if (!lower.has(candidate.toLowerCase())) return candidate
  }
  return `${name.slice(0, 50)} ${Date.now()}`
}
