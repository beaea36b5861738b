import type { RequestLogEntry } from '../../../shared/activity.ts'
import { describeTurn, formatMs, target } from '../lib/format.ts'
import { formatUsd } from '../lib/money.ts'
import { Badge } from './Badge.tsx'
import { PersonaVerdict } from './PersonaVerdict.tsx'
import { RequestBodiesView } from './RequestBodiesView.tsx'

/** "after oai/gpt-4o (HTTP 500)": the targets tried before the one that answered, in the row itself. */
function fallbackNote(r: RequestLogEntry): string | null {
  const before = r.status < 400 ? r.attempts.slice(0, -1) : r.attempts
  if (before.length === 0 || (r.status >= 400 && before.length < 2)) return null
  const why = (a: RequestLogEntry['attempts'][number]) =>
    a.error?.startsWith('skipped:')
      ? a.error.slice(9).trim()
      : a.status
        ? `HTTP ${a.status}`
        : 'no answer'
  const list = before.map((a) => `${target(a.target)} (${why(a)})`).join(', ')
  return r.status < 400 ? `fell back after ${list}` : `tried ${list}`
}

interface Props {
  entry: RequestLogEntry
  expanded: boolean
  onToggle(): void
}

/** A request log row; Enter/Space or a click shows the full decision below it. */
export function RequestRow({ entry: r, expanded, onToggle }: Props) {
  const c = r.classification
  const fallback = fallbackNote(r)
  return (
    <>
      <tr
        className="expandable"
        tabIndex={0}
        aria-expanded={expanded}
        onClick={onToggle}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault()
            onToggle()
          }
        }}
      >
        <td className="muted">{new Date(r.at).toLocaleTimeString()}</td>
        <td>{r.client}</td>
        <td>{r.workspace ?? '—'}</td>
        <td className="mono">
          {r.provider ? `${r.provider}/${r.model}` : '—'}
          {fallback && <div className="row-note">{fallback}</div>}
        </td>
        <td className="truncate" title={r.why ?? undefined}>
          {r.rule ?? '—'}
          {r.group && r.ruleKind !== 'group' && <div className="row-note">group {r.group.id}</div>}
        </td>
        <td className="num">{formatMs(r.latencyMs)}</td>
        <td className="num">{(r.tokensIn ?? 0) + (r.tokensOut ?? 0) || '—'}</td>
        <td className="num">{formatUsd(r.costUsd)}</td>
        <td>
          <Badge tone={r.status < 400 ? 'ok' : 'err'}>{r.status}</Badge>
        </td>
      </tr>
      {expanded && (
        <tr>
          <td colSpan={9}>
            <div className="decision">
              <p>{r.why ?? 'No routing decision (the request failed before routing).'}</p>
              {r.error && <div className="field-error">{r.error}</div>}
              <dl className="facts small">
                <dt>Route</dt>
                <dd className="mono">
                  {r.route} · {r.clientFormat} · {r.stream ? 'streamed' : 'JSON'} ·{' '}
                  {r.requestType ?? '—'}
                </dd>
                {r.turn && (
                  <>
                    <dt>Turn</dt>
                    <dd>{describeTurn(r.turn)}</dd>
                  </>
                )}
                <dt>Asked for model</dt>
                <dd className="mono">{r.requestedModel ?? '—'}</dd>
                <dt>Files seen</dt>
                <dd className="mono">{r.files.length ? r.files.join(', ') : 'none'}</dd>
                {c && (
                  <>
                    <dt>Persona</dt>
                    <dd>
                      {c.personaName ?? 'none recognised'}
                      {c.score !== null && ` · score ${c.score.toFixed(2)}`} · {c.engine} ·{' '}
                      {formatMs(c.ms)}
                      {c.source === 'affinity' && ' · kept from the conversation'}
                      {c.error && ` · ${c.error}`}
                    </dd>
                    <dt>Check</dt>
                    <dd>
                      <PersonaVerdict
                        requestId={r.id}
                        chosen={
                          c.personaId
                            ? { id: c.personaId, name: c.personaName ?? c.personaId }
                            : null
                        }
                      />
                    </dd>
                  </>
                )}
                {r.group && (
                  <>
                    <dt>Model group</dt>
                    <dd>
                      <span className="mono">{r.group.id}</span> ({r.group.strategy}) chose target{' '}
                      {r.group.targetIndex + 1}: {r.group.reason}
                    </dd>
                  </>
                )}
                <dt>Attempts</dt>
                <dd>
                  {r.attempts.length === 0
                    ? '—'
                    : r.attempts.map((a, i) => (
                        <div key={i} className="mono">
                          {i + 1}. {target(a.target)} → {a.status ?? 'no answer'} in{' '}
                          {formatMs(a.ms)}
                          {a.error && <span className="field-error"> {a.error}</span>}
                          {a.note && <span className="muted"> · {a.note}</span>}
                        </div>
                      ))}
                </dd>
                <dt>Timing</dt>
                <dd>
                  {formatMs(r.latencyMs)} total
                  {r.firstTokenMs !== null && ` · first token after ${formatMs(r.firstTokenMs)}`}
                </dd>
                <dt>Tokens</dt>
                <dd>
                  {r.tokensIn ?? '—'} in · {r.tokensOut ?? '—'} out
                  {r.tokensCached ? ` · ${r.tokensCached} from cache` : ''}
                </dd>
                <dt>Cost</dt>
                <dd>
                  {r.costUsd === null ? 'unknown (no price for this model)' : formatUsd(r.costUsd)}
                  {r.keyId && ` · key ${r.keyId}`}
                </dd>
              </dl>
              <RequestBodiesView requestId={r.id} />
            </div>
          </td>
        </tr>
      )}
    </>
  )
}
