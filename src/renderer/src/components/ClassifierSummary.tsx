import { servingLabel } from '../lib/serving-engine.ts'
import { useModels } from '../stores/models.ts'
import { Badge } from './Badge.tsx'

/** Which engine recognises personas now, and what to do when it is not the configured one. */
export function ClassifierSummary() {
  const c = useModels((s) => s.classifier)
  if (!c) return <p className="muted">Loading…</p>
  const degraded = c.servingEngine !== c.configuredEngine
  const slot = c.configuredEngine === 'lexical' ? null : c.runtime[c.configuredEngine]
  return (
    <div className="stack">
      <div className="row">
        <Badge tone={degraded ? 'warn' : 'ok'}>Answering: {servingLabel(c)}</Badge>
      </div>
      {slot?.state === 'loading' && (
        <span className="muted small">Loading model… {Math.round(slot.progress * 100)}%</span>
      )}
      {slot?.state === 'error' && <span className="field-error">{slot.message}</span>}
      {c.hint && <p className="muted small">{c.hint}</p>}
    </div>
  )
}
