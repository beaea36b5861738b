import type { Decision } from '../../../shared/activity.ts'
import { describeTurn, formatMs, target } from '../lib/format.ts'
import { Badge } from './Badge.tsx'

/** Why a request went where it went: rule, model, fallbacks, files, persona scores. */
export function DecisionView({ decision: d }: { decision: Decision }) {
  const c = d.classification
  return (
    <div className="decision" data-testid="decision">
      <div className="row">
        <strong className="mono">{target(d.target)}</strong>
        <Badge tone="accent" dot={false}>
          {d.rule ? (d.rule.index !== null ? `Rule ${d.rule.index + 1}` : d.rule.kind) : d.via}
        </Badge>
        {d.rule && <span>{d.rule.label}</span>}
      </div>
      <p>{d.why}</p>
      <dl className="facts small">
        <dt>Workspace</dt>
        <dd>{d.workspace ?? '—'}</dd>
        <dt>Request type</dt>
        <dd>{d.requestType === 'fim' ? 'fill-in-the-middle' : 'chat'}</dd>
        <dt>Files seen</dt>
        <dd className="mono">{d.files.length ? d.files.join(', ') : 'none'}</dd>
        {d.matchedFile && (
          <>
            <dt>Matched file</dt>
            <dd className="mono">{d.matchedFile}</dd>
          </>
        )}
        {d.fallbacks.length > 0 && (
          <>
            <dt>Fallbacks</dt>
            <dd className="mono">{d.fallbacks.map(target).join(' → ')}</dd>
          </>
        )}
        {c && (
          <>
            <dt>Persona</dt>
            <dd>
              {c.personaName ?? 'none recognised'}
              {c.score !== null && ` (score ${c.score.toFixed(2)}`}
              {c.margin !== null && `, margin ${c.margin.toFixed(2)}`}
              {c.score !== null && ')'} · {c.engine}
              {c.source === 'affinity' ? ', kept from earlier in the conversation' : ''} ·{' '}
              {formatMs(c.ms)}
              {c.abstained && <span className="muted"> · no persona: {c.abstained}</span>}
              {c.error && <span className="field-error"> {c.error}</span>}
            </dd>
          </>
        )}
        {d.group && (
          <>
            <dt>Model group</dt>
            <dd>
              <span className="mono">{d.group.id}</span> ({d.group.strategy}) chose target{' '}
              {d.group.targetIndex + 1}: {d.group.reason}
            </dd>
          </>
        )}
        {d.turn && (
          <>
            <dt>Turn</dt>
            <dd>{describeTurn(d.turn)}</dd>
          </>
        )}
        <dt>Decided in</dt>
        <dd>{formatMs(d.decisionMs)}</dd>
      </dl>
    </div>
  )
}
