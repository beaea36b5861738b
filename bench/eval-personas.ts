// Accuracy of a persona classifier on a labelled JSONL set ({"prompt","persona"} per line), with
// per-persona precision/recall, a confusion matrix and per-call latency, printed side by side with
// a naive BM25 baseline (same engine, no lexicon) so the lexicon's contribution is visible.
//
//   npm run eval:personas -- FILE.jsonl [--personas personas.json] [--engine lexical] [--errors]
//     [--margin 0.25] [--rounds 20]
//
// --margin: the cascade's decisive margin; prints how many prompts clear it and how many of those
// are right. --rounds: timed passes over the set for the latency quantiles.

import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { ClassifierEngine, PersonaProfile } from '../src/main/core/personas/engine.ts'
import { createLexicalEngine } from '../src/main/core/personas/lexical-engine.ts'

interface LabelledPrompt {
  prompt: string
  persona: string
}

interface EngineRun {
  label: string
  predictions: string[]
  margins: number[]
  latenciesMs: number[]
  firstCallMs: number
}

const NONE = '(none)'
const DEFAULT_PERSONAS = new URL('../test/fixtures/personas/personas.json', import.meta.url)

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    personas: { type: 'string' },
    engine: { type: 'string', default: 'lexical' },
    errors: { type: 'boolean', default: false },
    margin: { type: 'string', default: '0.25' },
    rounds: { type: 'string', default: '20' },
  },
})

if (positionals.length !== 1) {
  console.error(
    'usage: npm run eval:personas -- FILE.jsonl [--personas personas.json] [--engine lexical] [--errors]',
  )
  process.exit(2)
}

const personas = loadPersonas(values.personas ?? DEFAULT_PERSONAS)
const set = loadSet(positionals[0])
const unknown = set.filter((row) => !personas.some((p) => p.id === row.persona))
if (unknown.length > 0) {
  console.error(
    `labels not in the persona set: ${[...new Set(unknown.map((r) => r.persona))].join(', ')}`,
  )
  process.exit(2)
}

const decisiveMargin = Number(values.margin)
const rounds = Math.max(1, Number(values.rounds))
const engine = pickEngine(values.engine ?? 'lexical')
const runs = [
  await run(values.engine ?? 'lexical', engine),
  await run('bm25 (naive, no lexicon)', createLexicalEngine({ lexicon: false })),
]
const ids = personas.map((p) => p.id)

console.log(
  `${set.length} prompts from ${positionals[0]}, ${personas.length} personas; chance ${pct(1 / personas.length)}\n`,
)
console.log(
  pad('engine', 26) +
    pad('accuracy', 18) +
    pad('no persona', 12) +
    pad('p50', 10) +
    pad('p99', 10) +
    'first call',
)
for (const r of runs) {
  const correct = r.predictions.filter((p, i) => p === set[i].persona).length
  const none = r.predictions.filter((p) => p === NONE).length
  console.log(
    pad(r.label, 26) +
      pad(`${pct(correct / set.length)} (${correct}/${set.length})`, 18) +
      pad(String(none), 12) +
      pad(ms(quantile(r.latenciesMs, 0.5)), 10) +
      pad(ms(quantile(r.latenciesMs, 0.99)), 10) +
      ms(r.firstCallMs),
  )
}
console.log(
  `\n(latency over ${rounds} timed passes; first call includes compiling the persona set)`,
)
console.log(
  `\ndecisive (margin >= ${decisiveMargin}): share of prompts, accuracy on them, on the rest`,
)
for (const r of runs) {
  const decisive = r.margins.map((m) => m >= decisiveMargin)
  const right = r.predictions.map((p, i) => p === set[i].persona)
  const on = right.filter((_, i) => decisive[i])
  const off = right.filter((_, i) => !decisive[i])
  const rate = (xs: boolean[]) => (xs.length ? pct(xs.filter(Boolean).length / xs.length) : '-')
  console.log(
    pad(r.label, 26) + pad(pct(on.length / set.length), 10) + pad(rate(on), 10) + rate(off),
  )
}
for (const r of runs) report(r)

function report(r: EngineRun): void {
  console.log(`\n== ${r.label}`)
  console.log(pad('persona', 14) + pad('precision', 11) + pad('recall', 9) + 'n')
  for (const id of ids) {
    const truePositive = r.predictions.filter((p, i) => p === id && set[i].persona === id).length
    const predicted = r.predictions.filter((p) => p === id).length
    const actual = set.filter((row) => row.persona === id).length
    console.log(
      pad(id, 14) +
        pad(predicted ? pct(truePositive / predicted) : '-', 11) +
        pad(actual ? pct(truePositive / actual) : '-', 9) +
        actual,
    )
  }
  const columns = [...ids, NONE]
  console.log('\nconfusion (rows: labelled, columns: predicted)')
  console.log(pad('', 14) + columns.map((c) => pad(c.slice(0, 9), 10)).join(''))
  for (const id of ids) {
    const counts = columns.map(
      (c) => r.predictions.filter((p, i) => set[i].persona === id && p === c).length,
    )
    console.log(pad(id, 14) + counts.map((n) => pad(String(n), 10)).join(''))
  }
  if (!values.errors) return
  console.log('\nmisses')
  r.predictions.forEach((p, i) => {
    if (p !== set[i].persona)
      console.log(
        `  ${set[i].persona} -> ${p}: ${set[i].prompt.replace(/\s+/g, ' ').slice(0, 110)}`,
      )
  })
}

async function run(label: string, classifier: ClassifierEngine): Promise<EngineRun> {
  let start = performance.now()
  await classifier.classify(set[0].prompt, personas)
  const firstCallMs = performance.now() - start
  // Warm the JIT on the set once, then time every prompt.
  for (const row of set) await classifier.classify(row.prompt, personas)
  const predictions: string[] = []
  const margins: number[] = []
  const latenciesMs: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const row of set) {
      start = performance.now()
      const scores = await classifier.classify(row.prompt, personas)
      latenciesMs.push(performance.now() - start)
      if (round > 0) continue
      predictions.push(scores[0]?.personaId ?? NONE)
      margins.push(scores[0] ? scores[0].score - (scores[1]?.score ?? 0) : 0)
    }
  }
  return { label, predictions, margins, latenciesMs, firstCallMs }
}

function pickEngine(name: string): ClassifierEngine {
  if (name === 'lexical') return createLexicalEngine()
  console.error(`engine '${name}' is not available here; try --engine lexical`)
  process.exit(2)
}

function loadPersonas(file: string | URL): PersonaProfile[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<PersonaProfile>[]
  return raw.map((p) => ({
    id: String(p.id),
    name: String(p.name ?? p.id),
    description: p.description ?? '',
    examples: p.examples ?? [],
  }))
}

function loadSet(file: string): LabelledPrompt[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledPrompt)
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

function ms(x: number): string {
  return `${x.toFixed(3)}ms`
}

function pad(text: string, width: number): string {
  return text.padEnd(width)
}
