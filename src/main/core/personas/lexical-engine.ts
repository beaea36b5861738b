// The built-in 'lexical' persona classifier: no model, deterministic, sub-millisecond. It scores a
// prompt against each persona two ways and adds them: BM25 over the persona's own words (name,
// description, examples), and domain evidence from the built-in lexicon on both sides. Users write
// one sentence per persona, so the words rarely overlap; the lexicon is what lets "useEffect" in a
// prompt meet "React" in a description, both being frontend evidence. Matching domain against
// domain is the compact form of expanding each persona with its domains' whole vocabulary.

import type { ClassifierEngine, PersonaProfile, PersonaScore } from './engine.ts'
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
// Pseudo-evidence for "none of these": one weak hint cannot make a confident score.
const EVIDENCE_PRIOR = 1
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
    const raw = rawScores(capText(text), compiled(personas), lexicon)
    return normalise(raw, personas)
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
  const compiledPersonas = personas.map((persona) => compilePersona(persona, lexicon))
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
  return { personas: compiledPersonas, idf, averageLength: Math.max(1, totalLength / n) }
}

function compilePersona(
  persona: PersonaProfile,
  lexicon: CompiledLexicon | undefined,
): CompiledPersona {
  const units = tokenizeUnits([persona.name, persona.description, ...persona.examples].join('\n'))
  const terms = unitTerms(units)
  const termFrequency = new Map<string, number>()
  for (const term of terms) termFrequency.set(term, (termFrequency.get(term) ?? 0) + 1)
  const domains = lexicon
    ? personaDomains(matchLexicon(units, lexicon).evidence, lexicon)
    : new Float64Array(0)
  return { id: persona.id, termFrequency, length: terms.length, domains }
}

/**
 * A persona's domain profile: its own evidence scaled so its strongest domain is 1 (a long
 * description must not outweigh a terse one), then spread to related domains through the
 * affinities, so a "backend" persona also answers for databases, more weakly.
 */
function personaDomains(evidence: Float64Array, lexicon: CompiledLexicon): Float64Array {
  const n = evidence.length
  const max = Math.max(...evidence)
  const profile = new Float64Array(n)
  if (max <= 0) return profile
  for (let from = 0; from < n; from++) {
    const own = evidence[from] / max
    if (own === 0) continue
    for (let to = 0; to < n; to++) {
      profile[to] = Math.max(profile[to], own * lexicon.affinity[from * n + to])
    }
  }
  return profile
}

function rawScores(
  text: string,
  set: CompiledSet,
  lexicon: CompiledLexicon | undefined,
): Float64Array {
  const units = tokenizeUnits(text)
  const queryTerms = new Set(unitTerms(units))
  const evidence = lexicon ? saturate(matchLexicon(units, lexicon).evidence) : undefined
  const raw = new Float64Array(set.personas.length)
  set.personas.forEach((persona, index) => {
    const termScore = bm25(queryTerms, persona, set)
    raw[index] = evidence ? dot(evidence, persona.domains) + TERM_WEIGHT * termScore : termScore
  })
  return raw
}

/**
 * Diminishing returns per domain, as BM25 does for term frequency: five generic database words
 * must not outvote one "sql injection".
 */
function saturate(evidence: Float64Array): Float64Array {
  const c = DOMAIN_EVIDENCE_CEILING
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

function normalise(raw: Float64Array, personas: readonly PersonaProfile[]): LexicalRanking {
  let evidence = 0
  for (const value of raw) evidence += value
  if (evidence <= 0) return { scores: [], margin: 0, evidence: 0 }
  const scores: PersonaScore[] = []
  raw.forEach((value, index) => {
    if (value > 0)
      scores.push({ personaId: personas[index].id, score: value / (evidence + EVIDENCE_PRIOR) })
  })
  // Array.prototype.sort is stable: equal scores keep the personas' own order.
  scores.sort((a, b) => b.score - a.score)
  const margin = scores[0].score - (scores[1]?.score ?? 0)
  return { scores, margin, evidence }
}
