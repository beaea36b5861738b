// How strongly one domain implies interest in another. A persona described only as "backend" is
// still the natural home of a database deadlock; these affinities carry that over, on the persona
// side only, so a prompt's own evidence is never inflated.
import type { DomainId } from './types.ts'

/** Symmetric affinities between domains, 0..1. Unlisted pairs are unrelated. */
export const DOMAIN_AFFINITIES: readonly (readonly [DomainId, DomainId, number])[] = [
  ['databases', 'backend', 0.5],
  ['databases', 'data', 0.35],
  ['data', 'ml', 0.5],
  ['devops', 'cloud', 0.6],
  ['cloud', 'backend', 0.15],
  ['devops', 'backend', 0.1],
  ['testing', 'frontend', 0.2],
  ['testing', 'backend', 0.2],
  ['testing', 'mobile', 0.15],
  ['systems', 'backend', 0.15],
  ['systems', 'gamedev', 0.25],
  ['frontend', 'mobile', 0.15],
  ['security', 'backend', 0.1],
  ['security', 'devops', 0.1],
  ['docs', 'backend', 0.05],
  ['docs', 'frontend', 0.05],
]
