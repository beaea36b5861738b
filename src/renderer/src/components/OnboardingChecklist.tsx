import type { Provider, Workspace } from '../../../shared/schemas.ts'
import { catchAllOffers, checklist, currentStep } from '../lib/onboarding.ts'
import { useOnboarding } from '../stores/onboarding.ts'
import { useRouter } from '../stores/router.ts'
import { CatchAllOffers } from './CatchAllOffers.tsx'
import { CopyButton } from './CopyButton.tsx'

interface Props {
  providers: Provider[]
  /** The active workspace; undefined while it loads. */
  workspace: Workspace | undefined
  endpoint: string
  onCatchAllSet(): void
  /** Offered once every step is done. */
  onDismiss?(): void
}

/** From a fresh install to the first routed request: each step ticks when the core says it is done. */
export function OnboardingChecklist({
  providers,
  workspace,
  endpoint,
  onCatchAllSet,
  onDismiss,
}: Props) {
  const { firstOk, copied, markCopied } = useOnboarding()
  const go = useRouter((s) => s.go)
  const steps = checklist({ providers, catchAll: workspace?.catchAll, copied, firstOk })
  const now = currentStep(steps)
  const body: Record<string, React.ReactNode> = {
    provider: (
      <>
        <p className="muted small">
          Ollama, LM Studio, OpenAI, Anthropic or any OpenAI-compatible server. Switchboard lists
          its models when you save it.
        </p>
        <div>
          <button type="button" className="primary" onClick={() => go('providers')}>
            Add a provider
          </button>
        </div>
      </>
    ),
    'catch-all': workspace && (
      <>
        <p className="muted small">
          Requests no rule matches go here. Workspace <strong>{workspace.name}</strong> has none, so
          they fail with 422. Pick one of your models:
        </p>
        <CatchAllOffers
          workspace={workspace.name}
          offers={catchAllOffers(providers)}
          onSet={onCatchAllSet}
        />
      </>
    ),
    client: (
      <>
        <p className="muted small">
          Use this base URL with the model <code>switchboard</code> and any API key, or copy a
          ready-made snippet for your tool from the Endpoint panel below.
        </p>
        <div className="endpoint">
          <code>{endpoint}</code>
          <CopyButton text={endpoint} label="Copy URL" onCopied={markCopied} />
        </div>
      </>
    ),
    'first-request': (
      <p className="muted small">
        Send a request from your tool; it shows up here the moment it arrives.
      </p>
    ),
  }
  return (
    <section className="panel onboarding" aria-labelledby="onboarding-title">
      <div className="panel-head">
        <h2 id="onboarding-title">Get started</h2>
        <div className="row">
          <span className="muted small">
            {steps.filter((s) => s.done).length} of {steps.length} done
          </span>
          {onDismiss && (
            <button type="button" className="ghost small" onClick={onDismiss}>
              Hide
            </button>
          )}
        </div>
      </div>
      <ol className="checklist" aria-label="Setup steps">
        {steps.map((s) => (
          <li
            key={s.id}
            className={`step ${s.done ? 'done' : ''} ${s.id === now ? 'current' : ''}`.trim()}
            aria-current={s.id === now ? 'step' : undefined}
          >
            <span className="step-mark" aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <div className="stack">
              <span className="step-label">
                {s.id === 'first-request' && s.done ? 'First request routed' : s.label}
                <span className="sr-only">{s.done ? ' (done)' : ' (to do)'}</span>
              </span>
              {s.id === now && body[s.id]}
              {s.id === 'first-request' && firstOk && (
                <p className="small" data-testid="first-request">
                  {firstOk.client !== 'unknown' ? `${firstOk.client} asked` : 'A client asked'} for{' '}
                  <code>{firstOk.requestedModel ?? 'a model'}</code>; it went to{' '}
                  <strong className="mono">
                    {firstOk.provider}/{firstOk.model}
                  </strong>
                  {firstOk.rule ? ` by ${firstOk.rule}` : ''}
                  {firstOk.workspace ? ` of workspace ${firstOk.workspace}` : ''}.
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  )
}
