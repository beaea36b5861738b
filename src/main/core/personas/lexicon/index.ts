// Assembles the built-in lexicon from its domain files and compiles it once into lookup maps keyed
// by the tokenizer's own keys, so matching a prompt is a map lookup per word.
import { tokenizeUnits } from '../tokenize.ts'
import { algorithms } from './algorithms.ts'
import { backend } from './backend.ts'
import { cloud } from './cloud.ts'
import { data } from './data.ts'
import { databases } from './databases.ts'
import { desktop } from './desktop.ts'
import { devops } from './devops.ts'
import { docs } from './docs.ts'
import { everyday } from './everyday.ts'
import { frontend } from './frontend.ts'
import { gamedev } from './gamedev.ts'
import { maths } from './maths.ts'
import { ml } from './ml.ts'
import { mobile } from './mobile.ts'
import { DOMAIN_AFFINITIES } from './relations.ts'
import { security } from './security.ts'
import { systems } from './systems.ts'
import { testing } from './testing.ts'
import { versionControl } from './version-control.ts'
import { TIER_WEIGHTS, type DomainId, type LexiconDomain } from './types.ts'

export type { DomainId, LexiconDomain } from './types.ts'

/** Every built-in domain, in a fixed order that indexes the evidence vectors. */
export const LEXICON_DOMAINS: readonly LexiconDomain[] = [
  frontend,
  backend,
  databases,
  data,
  ml,
  devops,
  cloud,
  mobile,
  security,
  testing,
  systems,
  docs,
  gamedev,
  maths,
  algorithms,
  versionControl,
  desktop,
  everyday,
]

/** Evidence one matched term adds to one domain (index into `domainIds`). */
export interface LexiconHit {
  domain: number
  weight: number
}

export interface CompiledLexicon {
  domainIds: readonly DomainId[]
  /** Single keys and phrases (keys joined by a space) to the domains they signal. */
  entries: ReadonlyMap<string, readonly LexiconHit[]>
  /** First key of every phrase to its phrases' key lists, longest first. */
  phraseStarts: ReadonlyMap<string, readonly (readonly string[])[]>
  /** Row-major domains x domains affinity matrix, 1 on the diagonal. */
  affinity: Float64Array
}

/** Compiles domain term lists into lookup maps; run once per process for the built-in lexicon. */
export function compileLexicon(
  domains: readonly LexiconDomain[] = LEXICON_DOMAINS,
  affinities: readonly (readonly [DomainId, DomainId, number])[] = DOMAIN_AFFINITIES,
): CompiledLexicon {
  const entries = new Map<string, LexiconHit[]>()
  const phraseStarts = new Map<string, string[][]>()
  const add = (key: string, hit: LexiconHit): void => {
    const hits = entries.get(key) ?? []
    const same = hits.find((h) => h.domain === hit.domain)
    if (same) same.weight = Math.max(same.weight, hit.weight)
    else hits.push({ ...hit })
    entries.set(key, hits)
  }
  const addPhrase = (keys: string[], hit: LexiconHit): void => {
    const joined = keys.join(' ')
    if (!entries.has(joined)) {
      const starts = phraseStarts.get(keys[0]) ?? []
      starts.push(keys)
      starts.sort((a, b) => b.length - a.length)
      phraseStarts.set(keys[0], starts)
    }
    add(joined, hit)
  }
  domains.forEach((domain, index) => {
    for (const tier of ['strong', 'medium', 'weak'] as const) {
      const hit = { domain: index, weight: TIER_WEIGHTS[tier] }
      for (const term of domain[tier]) {
        const units = tokenizeUnits(term)
        if (units.length === 1) {
          add(units[0].key, hit)
          // "server-side" in the lexicon also matches "server side" written apart.
          if (units[0].parts.length > 1) addPhrase(units[0].parts, hit)
        } else if (units.length > 1) {
          addPhrase(
            units.map((u) => u.key),
            hit,
          )
        }
      }
    }
  })
  return {
    domainIds: domains.map((d) => d.id),
    entries,
    phraseStarts,
    affinity: affinityMatrix(domains, affinities),
  }
}

function affinityMatrix(
  domains: readonly LexiconDomain[],
  affinities: readonly (readonly [DomainId, DomainId, number])[],
): Float64Array {
  const n = domains.length
  const matrix = new Float64Array(n * n)
  for (let i = 0; i < n; i++) matrix[i * n + i] = 1
  for (const [a, b, weight] of affinities) {
    const i = domains.findIndex((d) => d.id === a)
    const j = domains.findIndex((d) => d.id === b)
    if (i < 0 || j < 0) continue
    matrix[i * n + j] = weight
    matrix[j * n + i] = weight
  }
  return matrix
}

let builtIn: CompiledLexicon | undefined

/** The compiled built-in lexicon, built on first use and shared by every engine. */
export function builtInLexicon(): CompiledLexicon {
  builtIn ??= compileLexicon()
  return builtIn
}
