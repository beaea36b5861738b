import { useEffect, useState } from 'react'
import type { Workspace } from '../../../shared/schemas.ts'
import { api } from '../api.ts'
import { useStatus } from '../stores/status.ts'
import { useWorkspaces } from '../stores/workspaces.ts'

/**
 * The active workspace with its rules and catch-all, reloaded whenever it changes anywhere (its
 * summary's updatedAt moves with every save). Undefined while loading.
 */
export function useActiveWorkspace(): [Workspace | undefined, (w: Workspace) => void] {
  const name = useStatus((s) => s.status?.activeWorkspace)
  const stamp = useWorkspaces((s) => s.workspaces.find((w) => w.name === name)?.updatedAt)
  const [workspace, setWorkspace] = useState<Workspace | undefined>(undefined)
  useEffect(() => {
    if (!name) return
    let live = true
    api()
      .getWorkspace({ name })
      .then((w) => live && setWorkspace(w))
      .catch(() => {})
    return () => {
      live = false
    }
  }, [name, stamp])
  return [workspace?.name === name ? workspace : undefined, setWorkspace]
}
