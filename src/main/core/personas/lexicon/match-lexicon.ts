// Finds the lexicon's terms in a tokenised text and sums their evidence per domain. Longest phrase
// wins at each position, so "react native" counts for mobile and not also for React on the web.
import type { TokenUnit } from '../tokenize.ts'
import type { CompiledLexicon } from './index.ts'

/** What a text says about each domain: summed tier weights of its distinct matched terms. */
export interface LexiconMatch {
  /** Evidence per domain, indexed like `CompiledLexicon.domainIds`. */
  evidence: Float64Array
  /** Matched lexicon keys in order of first appearance (phrases joined by a space). */
  terms: string[]
}

/** Matches a text's units against the lexicon; each distinct term counts once. */
export function matchLexicon(units: readonly TokenUnit[], lexicon: CompiledLexicon): LexiconMatch {
  const evidence = new Float64Array(lexicon.domainIds.length)
  const seen = new Set<string>()
  const credit = (key: string): void => {
    if (seen.has(key)) return
    const hits = lexicon.entries.get(key)
    if (!hits) return
    seen.add(key)
    for (const hit of hits) evidence[hit.domain] += hit.weight
  }
  const keys = units.map((u) => u.key)
  for (let i = 0; i < units.length;) {
    const phrase = phraseAt(keys, i, lexicon)
    if (phrase > 0) {
      credit(keys.slice(i, i + phrase).join(' '))
      i += phrase
      continue
    }
    const unit = units[i]
    if (!unit.stop) {
      if (lexicon.entries.has(unit.key)) credit(unit.key)
      else if (unit.parts.length > 0) matchParts(unit.parts, lexicon, credit)
    }
    i++
  }
  return { evidence, terms: [...seen] }
}

/** An unknown compound (`ProductListItem`) is read as its parts, phrases included. */
function matchParts(
  parts: string[],
  lexicon: CompiledLexicon,
  credit: (key: string) => void,
): void {
  for (let i = 0; i < parts.length;) {
    const phrase = phraseAt(parts, i, lexicon)
    if (phrase > 0) {
      credit(parts.slice(i, i + phrase).join(' '))
      i += phrase
    } else {
      credit(parts[i])
      i++
    }
  }
}

/** Length of the longest lexicon phrase starting at `keys[at]`, or 0. */
function phraseAt(keys: readonly string[], at: number, lexicon: CompiledLexicon): number {
  const candidates = lexicon.phraseStarts.get(keys[at])
  if (!candidates) return 0
  for (const phrase of candidates) {
    if (at + phrase.length > keys.length) continue
    let k = 1
    while (k < phrase.length && keys[at + k] === phrase[k]) k++
    if (k === phrase.length) return phrase.length
  }
  return 0
}
