// The built-in 'lexical' persona classifier: no model, deterministic, sub-millisecond. It scores a
// prompt against each persona two ways and adds them: BM25 over the persona's own words (name,
// description, examples), and domain evidence from the built-in lexicon on both sides. Users write
// one sentence per persona, so the words rarely overlap; the lexicon is what lets "useEffect" in a
// prompt meet "React" in a description, both being frontend evidence. Matching domain against
// domain is the compact form of expanding each persona with its domains' whole vocabulary.
//
// The human's words decide: pasted code and file names (ask-parts.ts) add evidence at a fraction of
// the weight and saturate early, so they break ties without outvoting the question. The title (the
// first line) counts extra, as it names the subject. Evidence for fields no persona covers (a
// firmware or a game-engine question) stays in the denominator, so such prompts score low.

import type { ClassifierEngine, PersonaProfile, PersonaScore } from './engine.ts'
import { splitAsk } from './ask-parts.ts'
import { builtInLexicon, type CompiledLexicon } from './lexicon/index.ts'
import { matchLexicon } from './lexicon/match-lexicon.ts'
import { tokenizeUnits, unitTerms } from './tokenize.ts'

export interface LexicalEngineOptions {
  /** false scores plain BM25 over the persona's words: the baseline the lexicon is measured by. */
  lexicon?: boolean
  /** Compiled persona sets kept, one per distinct persona list the rules use. */
  cacheSize?: number
}

/** A ranking with the numbers a cascade needs to decide whether the lexical answer is decisive. */
export interface LexicalRanking {
  /**
   * Personas that scored, best first. `score` is raw / (sum of raws + prior), 0..1: near 1 only
   * when the text says a lot and nearly all of it points at one persona.
   */
  scores: PersonaScore[]
  /** Top score minus runner-up score (the top score alone when one persona scored; 0 if none). */
  margin: number
  /** Sum of raw scores: how much the text said about any persona at all. */
  evidence: number
}

export interface LexicalEngine extends ClassifierEngine {
  readonly name: 'lexical'
  /** Synchronous ranking with margin and evidence; `classify` returns its `scores`. */
  rank(text: string, personas: readonly PersonaProfile[]): LexicalRanking
}

// BM25's usual constants; persona documents are short, so length normalisation matters little.
const BM25_K1 = 1.2
const BM25_B = 0.75
// Weight of the word-overlap score next to the domain score (a strong lexicon term counts 1).
const TERM_WEIGHT = 0.3
// Evidence per domain saturates towards this ceiling (see `saturate`).
const DOMAIN_EVIDENCE_CEILING = 3
// Pasted code and file names: their weight next to the words, and their own, lower ceiling.
const CONTEXT_WEIGHT = 0.25
const CONTEXT_EVIDENCE_CEILING = 1
// Extra weight of the title's (first line's) evidence on top of its place among the words.
const TITLE_WEIGHT = 0.5
// Pseudo-evidence for "none of these": one weak hint cannot make a confident score.
const EVIDENCE_PRIOR = 4
// The caller already trims the ask (human-ask.ts); this guards direct callers. The ask sits at the
// start or end of a long text, pasted code in between adds little and costs time.
const MAX_TEXT_CHARS = 4000

interface CompiledPersona {
  id: string
  termFrequency: Map<string, number>
  length: number
  /** Max-normalised domain profile after affinity spreading; empty without a lexicon. */
  domains: Float64Array
}

interface CompiledSet {
  personas: CompiledPersona[]
  idf: Map<string, number>
  averageLength: number
  /** Per domain, how much the best-covering persona answers for it (0..1); empty without a lexicon. */
  coverage: Float64Array
}

/** Creates the lexical engine; persona sets are compiled once and cached by their text. */
export function createLexicalEngine(options: LexicalEngineOptions = {}): LexicalEngine {
  const lexicon = options.lexicon === false ? undefined : builtInLexicon()
  const cacheSize = options.cacheSize ?? 16
  const cache = new Map<string, CompiledSet>()

  const compiled = (personas: readonly PersonaProfile[]): CompiledSet => {
    const key = personaSetKey(personas)
    const hit = cache.get(key)
    if (hit) {
      // Re-insert so the map's order is least-recently-used first.
      cache.delete(key)
      cache.set(key, hit)
      return hit
    }
    const set = compileSet(personas, lexicon)
    cache.set(key, set)
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string)
    return set
  }

  const rank = (text: string, personas: readonly PersonaProfile[]): LexicalRanking => {
    if (personas.length === 0 || text.trim() === '') return { scores: [], margin: 0, evidence: 0 }
    const { raw, unclaimed } = rawScores(capText(text), compiled(personas), lexicon)
    return normalise(raw, unclaimed, personas)
  }

  return {
    name: 'lexical',
    rank,
    classify: async (text, personas, signal) => {
      signal?.throwIfAborted()
      return rank(text, personas).scores
    },
  }
}

function personaSetKey(personas: readonly PersonaProfile[]): string {
  return personas
    .map((p) => [p.id, p.name, p.description, ...p.examples].join('\u0001'))
    .join('\u0002')
}

function capText(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text
  const half = MAX_TEXT_CHARS / 2
  return `${text.slice(0, half)}\n${text.slice(-half)}`
}

function compileSet(
  personas: readonly PersonaProfile[],
  lexicon: CompiledLexicon | undefined,
): CompiledSet {
  const compiledPersonas = compilePersonas(personas, lexicon)
  const documentFrequency = new Map<string, number>()
  for (const persona of compiledPersonas) {
    for (const term of persona.termFrequency.keys()) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
    }
  }
  const n = compiledPersonas.length
  const idf = new Map<string, number>()
  for (const [term, df] of documentFrequency) {
    idf.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)))
  }
  const totalLength = compiledPersonas.reduce((sum, p) => sum + p.length, 0)
  const coverage = new Float64Array(lexicon?.domainIds.length ?? 0)
  for (const persona of compiledPersonas) {
    persona.domains.forEach((v, d) => (coverage[d] = Math.max(coverage[d], v)))
  }
  return {
    personas: compiledPersonas,
    idf,
    averageLength: Math.max(1, totalLength / n),
    coverage,
  }
}

function compilePersonas(
  personas: readonly PersonaProfile[],
  lexicon: CompiledLexicon | undefined,
): CompiledPersona[] {
  const own = personas.map((persona) => {
    // Examples learned from corrections are classified asks: only their words describe the persona.
    const examples = persona.examples.map((example) => splitAsk(example).words)
    const units = tokenizeUnits([persona.name, persona.description, ...examples].join('\n'))
    const terms = unitTerms(units)
    const termFrequency = new Map<string, number>()
    for (const term of terms) termFrequency.set(term, (termFrequency.get(term) ?? 0) + 1)
    const evidence = lexicon ? maxNormalised(matchLexicon(units, lexicon).evidence) : undefined
    return { id: persona.id, termFrequency, length: terms.length, evidence }
  })
  return own.map(({ evidence, ...persona }, index) => ({
    ...persona,
    domains:
      lexicon && evidence
        ? personaDomains(
            evidence,
            othersClaim(
              own.map((o) => o.evidence!),
              index,
            ),
            lexicon,
          )
        : new Float64Array(0),
  }))
}

/** A persona's own evidence scaled so its strongest domain is 1: a long description must not outweigh a terse one. */
function maxNormalised(evidence: Float64Array): Float64Array {
  const max = Math.max(...evidence)
  return max > 0 ? evidence.map((v) => v / max) : evidence
}

/** Per domain, the strongest claim any other persona of the set makes on it. */
function othersClaim(evidence: readonly Float64Array[], self: number): Float64Array {
  const claim = new Float64Array(evidence[self]?.length ?? 0)
  evidence.forEach((e, i) => {
    if (i !== self) e.forEach((v, d) => (claim[d] = Math.max(claim[d], v)))
  })
  return claim
}

/**
 * A persona's domain profile: its own (max-normalised) evidence, spread to related domains through
 * the affinities, so a "backend" persona also answers for databases, more weakly. A domain another
 * persona claims is theirs: spreading into it is scaled down by that claim, so a "data" persona
 * does not pull machine-learning questions away from an "ML" persona.
 */
function personaDomains(
  own: Float64Array,
  claimedByOthers: Float64Array,
  lexicon: CompiledLexicon,
): Float64Array {
  const n = own.length
  const profile = new Float64Array(n)
  for (let from = 0; from < n; from++) {
    if (own[from] === 0) continue
    for (let to = 0; to < n; to++) {
      const spread =
        from === to
          ? own[from]
          : own[from] * lexicon.affinity[from * n + to] * (1 - claimedByOthers[to])
      profile[to] = Math.max(profile[to], spread)
    }
  }
  return profile
}

function rawScores(
  text: string,
  set: CompiledSet,
  lexicon: CompiledLexicon | undefined,
): { raw: Float64Array; unclaimed: number } {
  const { words, context } = splitAsk(text)
  const units = tokenizeUnits(words)
  const queryTerms = new Set(unitTerms(units))
  const raw = new Float64Array(set.personas.length)
  if (!lexicon) {
    set.personas.forEach((persona, index) => (raw[index] = bm25(queryTerms, persona, set)))
    return { raw, unclaimed: 0 }
  }
  const evidence = domainEvidence(words, units, context, lexicon)
  set.personas.forEach((persona, index) => {
    raw[index] = dot(evidence, persona.domains) + TERM_WEIGHT * bm25(queryTerms, persona, set)
  })
  let unclaimed = 0
  evidence.forEach((v, d) => (unclaimed += v * (1 - set.coverage[d])))
  return { raw, unclaimed }
}

/** What the text says about each domain: the words, the title once more, and the context weakly. */
function domainEvidence(
  words: string,
  units: ReturnType<typeof tokenizeUnits>,
  context: string,
  lexicon: CompiledLexicon,
): Float64Array {
  const evidence = matchLexicon(units, lexicon).evidence
  const title = words.trimStart().split('\n', 1)[0]
  const titleEvidence = matchLexicon(tokenizeUnits(title), lexicon).evidence
  for (let d = 0; d < evidence.length; d++) evidence[d] += TITLE_WEIGHT * titleEvidence[d]
  saturate(evidence, DOMAIN_EVIDENCE_CEILING)
  if (context.trim() === '') return evidence
  const contextEvidence = saturate(
    matchLexicon(tokenizeUnits(context), lexicon).evidence,
    CONTEXT_EVIDENCE_CEILING,
  )
  for (let d = 0; d < evidence.length; d++) evidence[d] += CONTEXT_WEIGHT * contextEvidence[d]
  return evidence
}

/**
 * Diminishing returns per domain, as BM25 does for term frequency: five generic database words
 * must not outvote one "sql injection".
 */
function saturate(evidence: Float64Array, c: number): Float64Array {
  for (let i = 0; i < evidence.length; i++) evidence[i] = c * (1 - Math.exp(-evidence[i] / c))
  return evidence
}

function bm25(queryTerms: ReadonlySet<string>, persona: CompiledPersona, set: CompiledSet): number {
  const lengthNorm = 1 - BM25_B + (BM25_B * persona.length) / set.averageLength
  let score = 0
  for (const term of queryTerms) {
    const tf = persona.termFrequency.get(term)
    if (tf === undefined) continue
    score += ((set.idf.get(term) ?? 0) * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * lengthNorm)
  }
  return score
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i]
  return sum
}

function normalise(
  raw: Float64Array,
  unclaimed: number,
  personas: readonly PersonaProfile[],
): LexicalRanking {
  let evidence = 0
  for (const value of raw) evidence += value
  if (evidence <= 0) return { scores: [], margin: 0, evidence: 0 }
  const scores: PersonaScore[] = []
  const total = evidence + unclaimed + EVIDENCE_PRIOR
  raw.forEach((value, index) => {
    if (value > 0) scores.push({ personaId: personas[index].id, score: value / total })
  })
  // Array.prototype.sort is stable: equal scores keep the personas' own order.
  scores.sort((a, b) => b.score - a.score)
  const margin = scores[0].score - (scores[1]?.score ?? 0)
  return { scores, margin, evidence }
}
