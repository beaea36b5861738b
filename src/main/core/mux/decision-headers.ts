import type { Classification, Decision } from '../../../shared/activity.ts'
import type { Target } from '../../../shared/schemas.ts'

/** Header values must be plain ASCII; anything else is percent-encoded. */
function ascii(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value)
}

/** The `x-switchboard-*` headers that say why a response came from where it came. */
export function decisionHeaders(
  decision: Decision,
  served: Target,
  fallbacksTried: number,
): Record<string, string> {
  return {
    'x-switchboard-workspace': ascii(decision.workspace ?? ''),
    'x-switchboard-rule': ascii(decision.rule?.label ?? 'direct'),
    'x-switchboard-provider': ascii(served.provider),
    'x-switchboard-model': ascii(served.model),
    'x-switchboard-fallbacks-tried': String(fallbacksTried),
    'x-switchboard-decision-ms': decision.decisionMs.toFixed(3),
    ...(decision.group && {
      'x-switchboard-group': ascii(
        `${decision.group.id}; strategy=${decision.group.strategy}; reason=${decision.group.reason}; ms=${decision.group.ms.toFixed(2)}`,
      ),
    }),
    ...(decision.turn && {
      'x-switchboard-turn': decision.turn.continued ? 'continued' : 'new',
      'x-switchboard-turn-decided-at': decision.turn.decidedAt,
    }),
    ...(decision.classification && {
      'x-switchboard-persona': ascii(personaHeader(decision.classification)),
    }),
  }
}

/** `name; score=0.82; margin=0.31; engine=lexical; ms=0.4`, or `none; error=...` when skipped. */
function personaHeader(c: Classification): string {
  const parts = [c.personaName ?? 'none']
  if (c.score !== null) parts.push(`score=${c.score}`, `margin=${c.margin}`)
  parts.push(`engine=${c.engine}`, `source=${c.source}`, `ms=${c.ms.toFixed(2)}`)
  if (c.error) parts.push(`error=${c.error}`)
  return parts.join('; ')
}
