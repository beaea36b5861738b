import type { WorkspaceService } from '../workspaces/workspace-service.ts'
import { compileWorkspace, type CompiledWorkspace } from './compile-rules.ts'

/** Compiled workspaces kept in memory; any workspace or rule change drops the cache. */
export function createRuleCache(workspaces: WorkspaceService) {
  const byName = new Map<string, CompiledWorkspace | null>()
  let active: CompiledWorkspace | undefined
  workspaces.onChange(() => {
    byName.clear()
    active = undefined
  })
  return {
    active(): CompiledWorkspace {
      active ??= compileWorkspace(workspaces.activeRecord())
      return active
    },
    /** A workspace by name (case-insensitive), or null when there is none. */
    byName(name: string): CompiledWorkspace | null {
      const key = name.toLowerCase()
      if (!byName.has(key)) {
        const record = workspaces.find(name)
        byName.set(key, record ? compileWorkspace(record) : null)
      }
      return byName.get(key)!
    },
  }
}

export type RuleCache = ReturnType<typeof createRuleCache>
