import type { RequestLogEntry } from '../../../shared/activity.ts'
import type { Provider, Workspace } from '../../../shared/schemas.ts'
import { api } from '../api.ts'
import { catchAllOffers, type SetupProblem } from '../lib/onboarding.ts'
import { useAction } from '../lib/use-action.ts'
import { useRouter } from '../stores/router.ts'
import { CatchAllOffers } from './CatchAllOffers.tsx'
import { CopyButton } from './CopyButton.tsx'
import { ErrorNote } from './ErrorNote.tsx'

interface Props {
  entry: RequestLogEntry
  problem: SetupProblem
  providers: Provider[]
  /** The active workspace, to tell whether a missing catch-all was set since. */
  active: Workspace | undefined
  endpoint: string
  onFixed(): void
}

/** A request that failed for a setup reason, said plainly, with the fix (a button where one can do it). */
export function SetupProblemNote({ entry, problem, providers, active, endpoint, onFixed }: Props) {
  const go = useRouter((s) => s.go)
  const createWorkspace = useAction(async (name: string) => {
    await api().createWorkspace({ name })
    onFixed()
  })
  const recheck = useAction(async (id: string) => {
    const p = await api().refreshProvider({ id })
    if (p.status !== 'ok') throw new Error(p.statusError ?? `${id} still does not answer.`)
    onFixed()
  })
  const client = entry.client !== 'unknown' ? entry.client : 'A client'
  let title: string
  let fix: React.ReactNode
  if (problem.kind === 'no-catch-all') {
    const fixed = active?.name === problem.workspace && !!active.catchAll
    title = `${client}'s request failed: workspace ${problem.workspace} has no catch-all`
    fix = fixed ? (
      <p className="small">Catch-all set. Send the request again.</p>
    ) : providers.length === 0 ? (
      <button type="button" className="primary" onClick={() => go('providers')}>
        Add a provider first
      </button>
    ) : (
      <>
        <p className="muted small">
          No rule matched and nothing catches the rest. Route unmatched requests to:
        </p>
        <CatchAllOffers
          workspace={problem.workspace}
          offers={catchAllOffers(providers)}
          onSet={onFixed}
        />
      </>
    )
  } else if (problem.kind === 'unknown-workspace') {
    title = `${client} asked for workspace "${problem.workspace}", which does not exist`
    fix = (
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={createWorkspace.pending}
          onClick={() => void createWorkspace.run(problem.workspace)}
        >
          Create workspace {problem.workspace}
        </button>
        <button type="button" onClick={() => go('workspaces')}>
          Open Workspaces
        </button>
        <ErrorNote error={createWorkspace.error} />
      </div>
    )
  } else if (problem.kind === 'unreachable') {
    title = `${client}'s request failed: provider ${problem.provider} did not answer`
    fix = (
      <div className="stack">
        <p className="muted small">Start it, or check its endpoint. Then check again:</p>
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={recheck.pending}
            onClick={() => void recheck.run(problem.provider)}
          >
            {recheck.pending ? 'Checking…' : `Check ${problem.provider} again`}
          </button>
          <button type="button" onClick={() => go('providers')}>
            Open Providers
          </button>
        </div>
        <ErrorNote error={recheck.error} />
      </div>
    )
  } else {
    title = `${client} called ${problem.path}, which is not a Switchboard route`
    fix = (
      <div className="stack">
        <p className="muted small">Set the tool's base URL to this, exactly:</p>
        <div className="endpoint">
          <code>{endpoint}</code>
          <CopyButton text={endpoint} label="Copy URL" />
        </div>
      </div>
    )
  }
  return (
    <section className="panel setup-problem" aria-labelledby="setup-problem-title">
      <h2 id="setup-problem-title">{title}</h2>
      <p className="muted small mono">{entry.error}</p>
      {fix}
    </section>
  )
}
