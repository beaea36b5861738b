import type { PersonaService } from '../personas/persona-service.ts'
import type { WorkspaceService } from '../workspaces/workspace-service.ts'
import { compileWorkspace, type CompiledWorkspace } from './compile-rules.ts'

/** Compiled workspaces kept in memory; any workspace, rule or persona change drops the cache. */
export function createRuleCache(workspaces: WorkspaceService, personas: PersonaService) {
  const byName = new Map<string, CompiledWorkspace | null>()
  let active: CompiledWorkspace | undefined
  const drop = () => {
    byName.clear()
    active = undefined
  }
  workspaces.onChange(drop)
  personas.onChange(drop)
  const personaName = (id: string) => personas.list().find((p) => p.id === id)?.name ?? id
  const compile = (record: Parameters<typeof compileWorkspace>[0]) =>
    compileWorkspace(record, personaName)
  return {
    active(): CompiledWorkspace {
      active ??= compile(workspaces.activeRecord())
      return active
    },
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
