import type { Target } from '../../../shared/schemas.ts'
import { api } from '../api.ts'
import { useAction } from '../lib/use-action.ts'
import { ErrorNote } from './ErrorNote.tsx'

interface Props {
  workspace: string
  offers: Target[]
  /** The saved workspace, so the page shows the catch-all at once. */
  onSet(): void
}

/** One click makes a provider's model the workspace's catch-all. */
export function CatchAllOffers({ workspace, offers, onSet }: Props) {
  const set = useAction(async (target: Target) => {
    await api().setCatchAll({ name: workspace, catchAll: { target, fallbacks: [] } })
    onSet()
  })
  if (offers.length === 0) {
    return (
      <p className="muted small">
        Your providers list no models yet. Refresh them on the Providers page, or pick a model in
        Workspaces.
      </p>
    )
  }
  return (
    <div className="stack">
      <div className="row offers">
        {offers.map((t) => (
          <button
            key={`${t.provider}/${t.model}`}
            type="button"
            className="primary"
            disabled={set.pending}
            onClick={() => void set.run(t)}
          >
            Use {t.provider}/{t.model}
          </button>
        ))}
      </div>
      <ErrorNote error={set.error} />
    </div>
  )
}
