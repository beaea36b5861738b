// Accuracy of the lexical persona classifier, measured the way the mux classifies: each question is
// sent as a chat request, reduced to the human ask (human-ask.ts), ranked, and kept or abstained on
// with the configured minimum score and margin (abstention.ts).
//
//   npm run eval:personas                       every set: dev, test, fixture, off-topic, wrapped
//   npm run eval:personas -- FILE.jsonl [--personas personas.json]   one set
//   options: --min-score N --min-margin N (default: the settings' defaults), --no-abstain,
//            --margin N (the cascade's decisive margin), --errors (list the misses), --rounds N
//
// "decisive": answers whose margin clears the cascade's decisive margin, i.e. the ones that skip the
// model engine when one is installed; their precision is what the cascade trusts.

import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { defaultSettings } from '../src/shared/schemas.ts'
import { choosePersona, type AbstentionThresholds } from '../src/main/core/personas/abstention.ts'
import type { PersonaProfile } from '../src/main/core/personas/engine.ts'
import { createLexicalEngine } from '../src/main/core/personas/lexical-engine.ts'
import {
  askFor,
  fixture,
  loadPersonas,
  loadSet,
  NONE,
  VARIANTS,
  type LabelledPrompt,
  type Variant,
} from './persona-sets.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    personas: { type: 'string' },
    'min-score': { type: 'string' },
    'min-margin': { type: 'string' },
    'no-abstain': { type: 'boolean', default: false },
    margin: { type: 'string' },
    errors: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
  },
})

const thresholds: AbstentionThresholds = values['no-abstain']
  ? { minScore: 0, minMargin: 0 }
  : {
      minScore: Number(values['min-score'] ?? defaultSettings.lexicalMinScore),
      minMargin: Number(values['min-margin'] ?? defaultSettings.lexicalMinMargin),
    }
const decisiveMargin = Number(values.margin ?? defaultSettings.cascadeDecisiveMargin)
const engine = createLexicalEngine()

interface Outcome {
  /** Chosen persona or NONE (abstained). */
  predicted: string
  /** Top persona before abstention (NONE when nothing scored). */
  top: string
  margin: number
  abstained: string | null
}

interface SetResult {
  label: string
  set: LabelledPrompt[]
  personas: PersonaProfile[]
  outcomes: Outcome[]
  latenciesMs: number[]
}

function classifySet(
  label: string,
  set: LabelledPrompt[],
  personas: PersonaProfile[],
  variant: Variant,
  rounds = 1,
): SetResult {
  const asks = set.map((row) => askFor(row.prompt, variant))
  const names = new Map(personas.map((p) => [p.id, p.name]))
  const outcomes: Outcome[] = []
  const latenciesMs: number[] = []
  for (let round = 0; round < rounds; round++) {
    asks.forEach((ask, i) => {
      const start = performance.now()
      const ranking = engine.rank(ask, personas)
      const choice = choosePersona(ranking.scores, thresholds, (id) => names.get(id) ?? id)
      latenciesMs.push(performance.now() - start)
      if (round > 0) return
      outcomes[i] = {
        predicted: choice.best?.personaId ?? NONE,
        top: choice.top?.personaId ?? NONE,
        margin: choice.margin ?? 0,
        abstained: choice.abstained,
      }
    })
  }
  return { label: `${label} · ${variant}`, set, personas, outcomes, latenciesMs }
}

interface Summary {
  accuracy: number
  /** Accuracy if the engine never abstained (on-topic rows only). */
  rawAccuracy: number
  abstention: number
  decisiveShare: number
  decisivePrecision: number
}

function summarise(r: SetResult): Summary {
  const n = r.set.length
  const right = r.outcomes.filter((o, i) => o.predicted === r.set[i].persona).length
  const onTopic = r.set
    .map((row, i) => [row, r.outcomes[i]] as const)
    .filter(([row]) => row.persona !== NONE)
  const rawRight = onTopic.filter(([row, o]) => o.top === row.persona).length
  const abstained = r.outcomes.filter((o) => o.predicted === NONE).length
  const decisive = r.outcomes
    .map((o, i) => [o, r.set[i]] as const)
    .filter(([o]) => o.predicted !== NONE && o.margin >= decisiveMargin)
  const decisiveRight = decisive.filter(([o, row]) => o.predicted === row.persona).length
  return {
    accuracy: right / n,
    rawAccuracy: onTopic.length ? rawRight / onTopic.length : NaN,
    abstention: abstained / n,
    decisiveShare: decisive.length / n,
    decisivePrecision: decisive.length ? decisiveRight / decisive.length : NaN,
  }
}

function printSummaryTable(results: SetResult[]): void {
  console.log(
    pad('set · request shape', 42) +
      pad('accuracy', 10) +
      pad('never-abstain', 15) +
      pad('no persona', 12) +
      pad('decisive', 10) +
      'decisive precision',
  )
  for (const r of results) {
    const s = summarise(r)
    console.log(
      pad(r.label, 42) +
        pad(pct(s.accuracy), 10) +
        pad(pct(s.rawAccuracy), 15) +
        pad(pct(s.abstention), 12) +
        pad(pct(s.decisiveShare), 10) +
        pct(s.decisivePrecision),
    )
  }
}

function printDetails(r: SetResult): void {
  const ids = r.personas.map((p) => p.id)
  const s = summarise(r)
  console.log(
    `\n== ${r.label}: ${r.set.length} prompts, accuracy ${pct(s.accuracy)}, no persona ${pct(s.abstention)}`,
  )
  const labels = [...new Set(r.set.map((row) => row.persona))]
  if (labels.some((l) => l !== NONE)) {
    console.log(pad('persona', 14) + pad('precision', 11) + pad('recall', 9) + 'n')
    for (const id of ids) {
      const tp = r.outcomes.filter((o, i) => o.predicted === id && r.set[i].persona === id).length
      const predicted = r.outcomes.filter((o) => o.predicted === id).length
      const actual = r.set.filter((row) => row.persona === id).length
      console.log(
        pad(id, 14) +
          pad(predicted ? pct(tp / predicted) : '-', 11) +
          pad(actual ? pct(tp / actual) : '-', 9) +
          actual,
      )
    }
  }
  const columns = [...ids, NONE]
  console.log('confusion (rows: labelled, columns: predicted)')
  console.log(pad('', 14) + columns.map((c) => pad(c.slice(0, 9), 10)).join(''))
  for (const label of [...ids, NONE].filter((l) => labels.includes(l))) {
    const counts = columns.map(
      (c) => r.outcomes.filter((o, i) => r.set[i].persona === label && o.predicted === c).length,
    )
    console.log(pad(label, 14) + counts.map((n) => pad(String(n), 10)).join(''))
  }
  if (!values.errors) return
  console.log('misses')
  r.outcomes.forEach((o, i) => {
    const row = r.set[i]
    if (o.predicted !== row.persona) {
      const why = o.abstained ? ` (${o.abstained})` : ''
      console.log(
        `  ${row.persona} -> ${o.predicted}${why}: ${row.prompt.replace(/\s+/g, ' ').slice(0, 100)}`,
      )
    }
  })
}

function latencyLine(results: SetResult[]): string {
  const all = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b)
  const q = (x: number) => all[Math.min(all.length - 1, Math.floor(x * all.length))].toFixed(3)
  return `lexical latency per prompt over ${all.length} calls: p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`
}

function runOne(file: string): void {
  const personas = loadPersonas(values.personas ?? fixture('personas.json'))
  const set = loadSet(file)
  const known = new Set([...personas.map((p) => p.id), NONE])
  const unknown = [...new Set(set.map((r) => r.persona))].filter((p) => !known.has(p))
  if (unknown.length) {
    console.error(`labels not in the persona set: ${unknown.join(', ')}`)
    process.exit(2)
  }
  const results = VARIANTS.map((v) => classifySet(file, set, personas, v, Number(values.rounds)))
  printThresholds()
  printSummaryTable(results)
  results.forEach(printDetails)
  console.log(`\n${latencyLine(results)}`)
}

function runSuite(): void {
  const six = loadPersonas(fixture('long/personas-six.json'))
  const alt = loadPersonas(fixture('long/personas-six-alt.json'))
  const dev = loadSet(fixture('long/dev.jsonl'), fixture('long/dev-hard.jsonl'))
  const test = loadSet(fixture('long/test.jsonl'))
  const offDev = loadSet(fixture('long/offtopic-dev.jsonl'), fixture('long/offtopic-dev-2.jsonl'))
  const offTest = loadSet(fixture('long/offtopic-test.jsonl'))
  const original = loadSet(fixture('questions.jsonl'))
  const originalPersonas = loadPersonas(fixture('personas.json'))
  const results = [
    ...VARIANTS.map((v) => classifySet('dev (526)', dev, six, v)),
    ...VARIANTS.map((v) => classifySet('test (403, held out)', test, six, v)),
    classifySet('dev, other descriptions', dev, alt, 'plain'),
    classifySet('test, other descriptions', test, alt, 'plain'),
    classifySet('fixture questions.jsonl', original, originalPersonas, 'plain'),
    classifySet(`off-topic dev (${offDev.length})`, offDev, six, 'plain'),
    classifySet('off-topic test (63, held out)', offTest, six, 'plain'),
  ]
  printThresholds()
  printSummaryTable(results)
  results.forEach(printDetails)
  console.log(`\n${latencyLine(results)}`)
}

function printThresholds(): void {
  console.log(
    `lexical engine; no persona below score ${thresholds.minScore} or margin ${thresholds.minMargin}; decisive margin ${decisiveMargin}\n`,
  )
}

function pct(x: number): string {
  return Number.isNaN(x) ? '-' : `${(x * 100).toFixed(1)}%`
}

function pad(text: string, width: number): string {
  return text.padEnd(width)
}

if (positionals.length > 1) {
  console.error('usage: npm run eval:personas [-- FILE.jsonl [--personas personas.json]]')
  process.exit(2)
}
if (positionals.length === 1) runOne(positionals[0])
else runSuite()
