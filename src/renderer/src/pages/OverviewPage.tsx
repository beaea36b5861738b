import { useEffect } from 'react'
import { api } from '../api.ts'
import { Badge } from '../components/Badge.tsx'
import { ClassifierSummary } from '../components/ClassifierSummary.tsx'
import { ClientSnippets } from '../components/ClientSnippets.tsx'
import { CopyButton } from '../components/CopyButton.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { OnboardingChecklist } from '../components/OnboardingChecklist.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { RecentRequests } from '../components/RecentRequests.tsx'
import { SetupProblemNote } from '../components/SetupProblemNote.tsx'
import { checklist, currentProblem } from '../lib/onboarding.ts'
import { useAction } from '../lib/use-action.ts'
import { useActiveWorkspace } from '../lib/use-active-workspace.ts'
import { useActivity } from '../stores/activity.ts'
import { useOnboarding } from '../stores/onboarding.ts'
import { useProviders } from '../stores/providers.ts'
import { useRouter } from '../stores/router.ts'
import { useSession } from '../stores/session.ts'
import { useStatus } from '../stores/status.ts'
import { useWorkspaces } from '../stores/workspaces.ts'

export function OverviewPage() {
  const status = useStatus((s) => s.status)
  const providers = useProviders((s) => s.providers)
  const workspaces = useWorkspaces((s) => s.workspaces)
  const activate = useWorkspaces((s) => s.activate)
  const requests = useActivity((s) => s.requests)
  const go = useRouter((s) => s.go)
  const switching = useAction(activate)
  const link = useSession((s) => s.link)
  const [active, setActive] = useActiveWorkspace()
  const onboarding = useOnboarding()
  const steps = checklist({
    providers,
    catchAll: active?.catchAll,
    copied: onboarding.copied,
    firstOk: onboarding.firstOk,
  })
  const incomplete = steps.some((s) => !s.done)
  const markIncomplete = onboarding.markIncomplete
  useEffect(() => {
    if (incomplete && active) markIncomplete()
  }, [incomplete, active, markIncomplete])
  if (!status) return <p className="muted">Loading…</p>
  const server = status.server
  const base = server.state === 'listening' ? server.url : `http://localhost:8989`
  const endpoint = `${base}/v1/mux`
  const problem = currentProblem(onboarding.recent)
  const refreshActive = () => {
    void api()
      .getWorkspace({ name: status.activeWorkspace })
      .then(setActive)
      .catch(() => {})
  }
  // Shown until the first request is routed, and then once more with its tick, until dismissed.
  const showChecklist =
    active && (incomplete || (onboarding.sawIncomplete && !onboarding.dismissed))
  return (
    <div className="page">
      <PageHead
        title="Overview"
        description="One OpenAI-compatible endpoint for every coding tool; the active workspace's rules pick the model."
      />
      {problem && (
        <SetupProblemNote
          key={problem.entry.id}
          entry={problem.entry}
          problem={problem.problem}
          providers={providers}
          active={active}
          endpoint={endpoint}
          onFixed={refreshActive}
        />
      )}
      {showChecklist && (
        <OnboardingChecklist
          providers={providers}
          workspace={active}
          endpoint={endpoint}
          onCatchAllSet={refreshActive}
          onDismiss={incomplete ? undefined : onboarding.dismiss}
        />
      )}
      <section className="panel" aria-labelledby="endpoint-title">
        <div className="panel-head">
          <h2 id="endpoint-title">Endpoint</h2>
          {link === 'reconnecting' ? (
            <Badge tone="err">Switchboard unreachable</Badge>
          ) : (
            <>
              {server.state === 'listening' && (
                <Badge tone="ok">
                  Listening on {server.host}:{server.port}
                </Badge>
              )}
              {server.state === 'stopped' && <Badge tone="warn">Stopped</Badge>}
              {server.state === 'error' && <Badge tone="err">Not running</Badge>}
            </>
          )}
        </div>
        {server.state === 'error' && (
          <ErrorNote
            error={
              server.code === 'port_in_use'
                ? `${server.message} Quit the other program or choose another port in Settings.`
                : server.message
            }
          />
        )}
        <div className="endpoint">
          <code data-testid="endpoint-url">{endpoint}</code>
          <CopyButton text={endpoint} label="Copy URL" />
        </div>
        <p className="muted small">
          Any API key works. Use the model name <code>switchboard</code> to route by the active
          workspace, <code>workspace:&lt;name&gt;</code> for a specific one, or{' '}
          <code>&lt;provider&gt;/&lt;model&gt;</code> to skip the rules.
        </p>
        <ClientSnippets base={base} onCopied={onboarding.markCopied} />
      </section>

      <div className="grid-2">
        <section className="panel" aria-labelledby="ws-title">
          <div className="panel-head">
            <h2 id="ws-title">Active workspace</h2>
            <button type="button" className="ghost" onClick={() => go('workspaces')}>
              Edit rules
            </button>
          </div>
          <label className="field">
            <span>Requests are routed by</span>
            <select
              value={status.activeWorkspace}
              disabled={switching.pending}
              onChange={(e) => void switching.run(e.target.value)}
              aria-label="Active workspace"
            >
              {workspaces.map((w) => (
                <option key={w.id} value={w.name}>
                  {w.name} ({w.ruleCount} {w.ruleCount === 1 ? 'rule' : 'rules'})
                </option>
              ))}
            </select>
          </label>
          {active && !active.catchAll && (
            <ErrorNote
              kind="warn"
              error={`${active.name} has no catch-all: requests no rule matches fail with 422.`}
            />
          )}
          <ErrorNote error={switching.error} />
        </section>
        <section className="panel" aria-labelledby="cls-title">
          <div className="panel-head">
            <h2 id="cls-title">Persona classifier</h2>
            <button type="button" className="ghost" onClick={() => go('models')}>
              Models
            </button>
          </div>
          <ClassifierSummary />
        </section>
      </div>

      <section className="panel" aria-labelledby="recent-title">
        <div className="panel-head">
          <h2 id="recent-title">Recent requests</h2>
          <button type="button" className="ghost" onClick={() => go('activity')}>
            All activity
          </button>
        </div>
        {requests.length ? (
          <RecentRequests requests={requests.slice(0, 8)} />
        ) : (
          <p className="muted">
            No requests yet. Point a client at the endpoint above; each request shows up here with
            the rule and model it was routed to.
          </p>
        )}
      </section>
    </div>
  )
}
