import { useEffect, useState } from 'react'
import type { Provider, RuleUsage } from '../../../shared/schemas.ts'
import { api } from '../api.ts'
import { providerUsages } from '../lib/rule-usages.ts'
import { useAction } from '../lib/use-action.ts'
import { useProviders } from '../stores/providers.ts'
import { useWorkspaces } from '../stores/workspaces.ts'
import { Dialog } from './Dialog.tsx'
import { ErrorNote } from './ErrorNote.tsx'

interface Props {
  provider: Provider | null
  onClose(): void
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** What deleting does to rules: targets go with the provider, fallback lists lose it. */
function consequence(usages: RuleUsage[]): string {
  const targets = usages.filter((u) => u.as === 'target').length
  const fallbacks = usages.length - targets
  const parts = [
    targets ? `removes ${plural(targets, 'rule that routes', 'rules that route')} to it` : '',
    fallbacks ? `takes it out of ${plural(fallbacks, 'fallback list', 'fallback lists')}` : '',
  ].filter(Boolean)
  return `Workspaces use this provider. Deleting it ${parts.join(' and ')}:`
}

/** Confirms a delete, listing the workspaces whose rules would lose their target. */
export function DeleteProviderDialog({ provider, onClose }: Props) {
  const remove = useProviders((s) => s.remove)
  const [usages, setUsages] = useState<RuleUsage[] | null>(null)
  const del = useAction(async (force: boolean) => {
    await remove(provider!.id, force)
    // The open workspace may have lost rules.
    await useWorkspaces.getState().load()
    onClose()
  })

  useEffect(() => {
    if (!provider) return
    setUsages(null)
    let live = true
    void (async () => {
      const list = await api().listWorkspaces({})
      const all = await Promise.all(list.map((w) => api().getWorkspace({ name: w.name })))
      if (live) setUsages(providerUsages(all, provider.id))
    })().catch(() => live && setUsages([]))
    return () => {
      live = false
    }
  }, [provider])

  const workspaces = [...new Set((usages ?? []).map((u) => u.workspace))]
  return (
    <Dialog open={!!provider} title={`Delete ${provider?.name ?? ''}?`} onClose={onClose}>
      {usages === null ? (
        <p className="muted">Checking which workspaces use it…</p>
      ) : usages.length === 0 ? (
        <p>No workspace rule uses this provider. Its stored API key is deleted too.</p>
      ) : (
        <div className="stack">
          <p>{consequence(usages)}</p>
          <ul>
            {workspaces.map((w) => (
              <li key={w}>
                <strong>{w}</strong>:{' '}
                {usages
                  .filter((u) => u.workspace === w)
                  .map((u) => `${u.kind} (${u.as})`)
                  .join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ErrorNote error={del.error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger solid"
          disabled={usages === null || del.pending}
          onClick={() => void del.run((usages?.length ?? 0) > 0)}
        >
          {usages?.length ? 'Delete anyway' : 'Delete'}
        </button>
      </div>
    </Dialog>
  )
}
