// "No persona" as a decision with a reason: a ranking names a persona only when its best score is
// high enough and far enough ahead of the runner-up. A weak or tied winner is a guess, and a guess
// would route a prompt to a model the user chose for other work.

import type { PersonaScore } from './engine.ts'

/** The minimum score and the minimum lead over the runner-up that a persona needs. */
export interface AbstentionThresholds {
  minScore: number
  minMargin: number
}

export interface PersonaChoice {
  /** The chosen persona's score, or undefined when the ranking abstains. */
  best: PersonaScore | undefined
  /** The top score, chosen or not (null when nothing scored). */
  top: PersonaScore | undefined
  /** Top score minus runner-up (the top score when only one scored); null when nothing scored. */
  margin: number | null
  /** Why no persona was chosen, in words a user can act on; null when one was. */
  abstained: string | null
}

/** Picks the top persona of a ranking (best first), or says why none qualifies. */
export function choosePersona(
  scores: readonly PersonaScore[],
  thresholds: AbstentionThresholds,
  nameOf: (personaId: string) => string = (id) => id,
): PersonaChoice {
  const [top, second] = scores
  if (!top) {
    return {
      best: undefined,
      top,
      margin: null,
      abstained: 'no persona scored',
    }
  }
  const margin = top.score - (second?.score ?? 0)
  let abstained: string | null = null
  if (top.score < thresholds.minScore) {
    abstained = `score ${fixed(top.score)} for ${nameOf(top.personaId)} below ${fixed(thresholds.minScore)}`
  } else if (second && margin < thresholds.minMargin) {
    abstained = `${nameOf(top.personaId)} leads ${nameOf(second.personaId)} by ${fixed(margin)}, below ${fixed(thresholds.minMargin)}`
  }
  return { best: abstained ? undefined : top, top, margin, abstained }
}

const fixed = (n: number) => n.toFixed(2)
