// Calibrates the lexical engine's abstention: sweeps the minimum score and the minimum margin over
// the dev sets only (never the held-out test sets) and prints the trade-off between on-topic
// accuracy and off-topic prompts left without a persona, then the setting it recommends:
// the highest on-topic accuracy that leaves at least --off-topic (default 92%, two points of slack
// over the 90% wanted on unseen prompts) of off-topic prompts without a persona, and the smallest
// cascade margin whose decisive answers are at least --precision (default 97%, two points of slack over the 95% wanted on unseen prompts) right.
//
//   npm run calibrate:personas [-- --off-topic 0.92 --precision 0.97]

import { parseArgs } from 'node:util'
import { choosePersona } from '../src/main/core/personas/abstention.ts'
import { createLexicalEngine } from '../src/main/core/personas/lexical-engine.ts'
import type { PersonaScore } from '../src/main/core/personas/engine.ts'
import { askFor, fixture, loadPersonas, loadSet, NONE, VARIANTS } from './persona-sets.ts'

const { values } = parseArgs({
  options: {
    'off-topic': { type: 'string', default: '0.92' },
    precision: { type: 'string', default: '0.97' },
  },
})
const offTopicTarget = Number(values['off-topic'])
const precisionTarget = Number(values.precision)

const engine = createLexicalEngine()
const personaSets = [
  loadPersonas(fixture('long/personas-six.json')),
  loadPersonas(fixture('long/personas-six-alt.json')),
]
const onTopic = loadSet(fixture('long/dev.jsonl'), fixture('long/dev-hard.jsonl'))
const offTopic = loadSet(fixture('long/offtopic-dev.jsonl'), fixture('long/offtopic-dev-2.jsonl'))

interface Ranked {
  label: string
  scores: PersonaScore[]
}

// Every dev prompt in every request shape, under both wordings of the personas.
const rankedOn: Ranked[] = []
const rankedOff: Ranked[] = []
for (const personas of personaSets) {
  for (const variant of VARIANTS) {
    for (const row of onTopic)
      rankedOn.push({
        label: row.persona,
        scores: engine.rank(askFor(row.prompt, variant), personas).scores,
      })
    for (const row of offTopic)
      rankedOff.push({
        label: NONE,
        scores: engine.rank(askFor(row.prompt, variant), personas).scores,
      })
  }
}

interface Point {
  minScore: number
  minMargin: number
  accuracy: number
  offTopicNone: number
}

const accuracyAt = (minScore: number, minMargin: number) =>
  rankedOn.filter(
    (r) => choosePersona(r.scores, { minScore, minMargin }).best?.personaId === r.label,
  ).length / rankedOn.length
const offTopicAt = (minScore: number, minMargin: number) =>
  rankedOff.filter((r) => !choosePersona(r.scores, { minScore, minMargin }).best).length /
  rankedOff.length

const ceiling = accuracyAt(0, 0)
const points: Point[] = []
for (let s = 0; s <= 0.6 + 1e-9; s += 0.02) {
  for (let m = 0; m <= 0.2 + 1e-9; m += 0.01) {
    const minScore = round(s)
    const minMargin = round(m)
    points.push({
      minScore,
      minMargin,
      accuracy: accuracyAt(minScore, minMargin),
      offTopicNone: offTopicAt(minScore, minMargin),
    })
  }
}

console.log(
  `dev: ${onTopic.length} on-topic and ${offTopic.length} off-topic prompts × ${VARIANTS.length} request shapes × ${personaSets.length} wordings`,
)
console.log(`on-topic accuracy with no abstention: ${pct(ceiling)}\n`)
console.log('trade-off at margin 0 (score sweep):')
console.log(pad('min score', 12) + pad('on-topic accuracy', 20) + 'off-topic with no persona')
for (const p of points.filter((p) => p.minMargin === 0 && Math.round(p.minScore * 100) % 4 === 0)) {
  console.log(pad(p.minScore.toFixed(2), 12) + pad(pct(p.accuracy), 20) + pct(p.offTopicNone))
}

const feasible = points.filter((p) => p.offTopicNone >= offTopicTarget)
const best = feasible.sort(
  (a, b) => b.accuracy - a.accuracy || a.minScore - b.minScore || a.minMargin - b.minMargin,
)[0]
if (!best) {
  console.log(`\nno setting leaves ${pct(offTopicTarget)} of off-topic prompts without a persona`)
} else {
  console.log(
    `\nrecommended: lexicalMinScore ${best.minScore}, lexicalMinMargin ${best.minMargin}: on-topic ${pct(best.accuracy)} (${signed(best.accuracy - ceiling)} points), off-topic with no persona ${pct(best.offTopicNone)}`,
  )
  console.log('\nmargin sweep at that score:')
  console.log(pad('min margin', 12) + pad('on-topic accuracy', 20) + 'off-topic with no persona')
  for (const p of points.filter(
    (p) => p.minScore === best.minScore && Math.round(p.minMargin * 100) % 2 === 0,
  )) {
    console.log(pad(p.minMargin.toFixed(2), 12) + pad(pct(p.accuracy), 20) + pct(p.offTopicNone))
  }
  decisiveMargin(best)
}

/** The smallest cascade margin at which lexical answers are right often enough to skip the model. */
function decisiveMargin(at: Point): void {
  const chosen = rankedOn.map((r) => ({ r, c: choosePersona(r.scores, at) }))
  console.log('\ncascade: answers with margin >= m skip the model engine')
  console.log(pad('margin', 10) + pad('share', 10) + 'precision')
  let pick: number | undefined
  for (let m = 0; m <= 0.5 + 1e-9; m += 0.05) {
    const decisive = chosen.filter(({ c }) => c.best && (c.margin ?? 0) >= m)
    const right = decisive.filter(({ r, c }) => c.best!.personaId === r.label).length
    const precision = decisive.length ? right / decisive.length : 1
    if (pick === undefined && precision >= precisionTarget) pick = round(m)
    console.log(
      pad(m.toFixed(2), 10) + pad(pct(decisive.length / chosen.length), 10) + pct(precision),
    )
  }
  console.log(`recommended cascadeDecisiveMargin: ${pick ?? 'none reaches the target'}`)
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`
}

function pad(text: string, width: number): string {
  return text.padEnd(width)
}
