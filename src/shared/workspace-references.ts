import { GROUP_PROVIDER } from './groups.ts'
import type { Target, WorkspaceExport } from './schemas.ts'

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
