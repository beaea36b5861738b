// The shape of one domain of the built-in lexicon. Terms are plain strings in the words a developer
// types (`useEffect`, `.tsx`, `hydration mismatch`); the tokenizer turns them into keys at load time.

/** The fields the lexicon knows. Personas are mapped onto these through their own words. */
export type DomainId =
  | 'frontend'
  | 'backend'
  | 'databases'
  | 'data'
  | 'ml'
  | 'devops'
  | 'cloud'
  | 'mobile'
  | 'security'
  | 'testing'
  | 'systems'
  | 'docs'
  | 'gamedev'
  | 'maths'
  | 'algorithms'
  | 'version-control'
  | 'desktop'
  | 'everyday'

/**
 * A domain's vocabulary in three tiers: `strong` terms all but name the domain (`useEffect`,
 * `terraform`), `medium` ones lean towards it (`webpack`, `pipeline`), `weak` ones only hint
 * (`component`, `server`). A term may sit in several domains at different tiers.
 */
export interface LexiconDomain {
  id: DomainId
  strong: readonly string[]
  medium: readonly string[]
  weak: readonly string[]
}

/** Evidence a term of each tier adds to its domain. */
export const TIER_WEIGHTS = { strong: 1, medium: 0.6, weak: 0.3 } as const

/** Splits a comma- or newline-separated term list, so domain files read like prose. */
export function termList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((term) => term.trim())
    .filter((term) => term.length > 0)
}
