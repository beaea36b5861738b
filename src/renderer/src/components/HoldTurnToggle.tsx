import type { Workspace } from '../../../shared/schemas.ts'
import { useAction } from '../lib/use-action.ts'
import { useWorkspaces } from '../stores/workspaces.ts'
import { ErrorNote } from './ErrorNote.tsx'

/** The workspace's "hold the decision for a turn" option, saved as soon as it is toggled. */
export function HoldTurnToggle({ workspace }: { workspace: Workspace }) {
  const saveOptions = useWorkspaces((s) => s.saveOptions)
  const save = useAction((hold: boolean) =>
    saveOptions(workspace.name, { holdDecisionForTurn: hold }),
  )
  return (
    <div>
      <label className="check">
        <input
          type="checkbox"
          checked={workspace.holdDecisionForTurn}
          disabled={save.pending}
          onChange={(e) => void save.run(e.target.checked)}
        />
        Keep one model for a whole turn
      </label>
      <p className="muted small">
        The tool-loop requests an agent makes after your message go where its first request went,
        even when they mention other files: the model keeps its plan and prompt cache. Your next
        message is routed afresh.
      </p>
      <ErrorNote error={save.error} />
    </div>
  )
}
