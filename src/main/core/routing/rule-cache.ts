import type { PersonaService } from '../personas/persona-service.ts'
import type { WorkspaceService } from '../workspaces/workspace-service.ts'
import { compileWorkspace, type CompiledWorkspace } from './compile-rules.ts'

/** Compiled workspaces kept in memory; any workspace, rule or persona change drops the cache. */
export function createRuleCache(workspaces: WorkspaceService, personas: PersonaService) {
  const byName = new Map<string, CompiledWorkspace | null>()
  let active: CompiledWorkspace | undefined
  let version = 0
  const drop = () => {
    byName.clear()
    active = undefined
    version++
  }
  workspaces.onChange(drop)
  personas.onChange(drop)
  const personaName = (id: string) => personas.list().find((p) => p.id === id)?.name ?? id
  const compile = (record: Parameters<typeof compileWorkspace>[0]) =>
    compileWorkspace(record, personaName)
  return {
    /** Grows with every change of workspaces, rules or personas: decisions made before are stale. */
    version: () => version,
    active(): CompiledWorkspace {
      active ??= compile(workspaces.activeRecord())
      return active
    },
    /** Compiles a workspace that is not saved (an editor's draft) the same way, without caching it. */
    compileDraft: (record: Parameters<typeof compileWorkspace>[0]) => compile(record),
    /** A workspace by name (case-insensitive), or null when there is none. */
    byName(name: string): CompiledWorkspace | null {
      const key = name.toLowerCase()
      if (!byName.has(key)) {
        const record = workspaces.find(name)
        byName.set(key, record ? compile(record) : null)
      }
      return byName.get(key)!
    },
  }
}

export type RuleCache = ReturnType<typeof createRuleCache>
