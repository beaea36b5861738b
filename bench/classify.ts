// Persona classification latency per engine on this machine, for prompts of 50, 500 and 2000
// tokens: the lexical engine, the classifier's affinity hit, and the real embedding and generative
// engines on generated models in the shapes of real ones (written to a temp dir, deleted after).
//
//   npm run bench:classify                 ~3 min; writes bench/results/classify-latest.json
//   BENCH_QUICK=1 npm run bench:classify   ~30 s smoke run with a smaller generative model;
//                                          writes bench/results/classify-other.json
//   BENCH_SKIP_GENERATIVE=1                 the lexical, affinity and embedding parts only
//
// The embedding engine runs twice per size, side by side: with the default token budget (the
// start of the ask) and without one (the whole ask up to the model's window), then a breakdown
// of where a budgeted call spends its time.
import { mkdirSync, statfsSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultSettings } from '../src/shared/schemas.ts'
import { createAffinityCache } from '../src/main/core/personas/affinity-cache.ts'
import { createClassifier } from '../src/main/core/personas/classifier.ts'
import { createEmbeddingEngine } from '../src/main/core/personas/embedding-engine.ts'
import type { VectorCache } from '../src/main/core/personas/engine.ts'
import { createGenerativeEngine } from '../src/main/core/personas/generative-engine.ts'
import { conversationKey } from '../src/main/core/personas/human-ask.ts'
import { createLexicalEngine } from '../src/main/core/personas/lexical-engine.ts'
import {
  createModelSlot,
  defaultThreadCount,
  disposeLlamaRuntime,
  type ModelSlot,
} from '../src/main/core/personas/llama-runtime.ts'
import { benchModelShapes, writeTinyLlamaGguf } from '../test/helpers/gguf-writer.ts'
import { embeddingBreakdown, printBreakdown, type BreakdownRow } from './embedding-breakdown.ts'
import { makeTempDir } from '../test/helpers/temp-dir.ts'
import {
  buildPrompts,
  corpusWords,
  loadPersonas,
  loadQuestions,
  vocabularyOfSize,
} from './classify-prompts.ts'
import {
  checkTargets,
  printTable,
  summarizeCell,
  timeCalls,
  type Cell,
  type CellBudget,
  type Target,
  type Timed,
} from './classify-report.ts'

const QUICK = process.env.BENCH_QUICK === '1'
const SKIP_GENERATIVE = process.env.BENCH_SKIP_GENERATIVE === '1'
const SIZES = [50, 500, 2000] as const
// As the core runs the generative engine (local-models.ts): longer prompts keep 512 tokens.
const MAX_TOKENS = 512
// As the core runs the embedding engine by default: the first 128 tokens of the ask.
const TOKEN_BUDGET = defaultSettings.embeddingTokenBudget
// No budget: the whole ask, up to the model's window (the engine caps it there).
const NO_BUDGET = Number.MAX_SAFE_INTEGER
const VARIANTS = 12
const QWEN_VOCABULARY = 151_936
// The 0.5B-like model is ~2.5 GB of F32 with its vocabulary; leave room for everything else.
const HALF_BILLION_DISK_BYTES = 4e9
// Past this, the remaining cells time one call each, so a slow or busy machine still finishes.
const RUN_BUDGET_MS = QUICK ? 25_000 : 150_000
const RESULTS = new URL(
  QUICK ? './results/classify-other.json' : './results/classify-latest.json',
  import.meta.url,
)

const budgets: Record<'fast' | 'embedding' | 'breakdown' | 'generative', CellBudget> = QUICK
  ? {
      fast: { warmupMs: 200, min: 100, max: 20_000, maxMs: 500 },
      embedding: { warmupMs: 0, min: 2, max: 50, maxMs: 1_500 },
      breakdown: { warmupMs: 0, min: 3, max: 20, maxMs: 500 },
      generative: { warmupMs: 0, min: 2, max: 20, maxMs: 2_000 },
    }
  : {
      fast: { warmupMs: 300, min: 100, max: 20_000, maxMs: 1_200 },
      embedding: { warmupMs: 0, min: 5, max: 200, maxMs: 6_000 },
      breakdown: { warmupMs: 0, min: 5, max: 50, maxMs: 2_000 },
      generative: { warmupMs: 0, min: 3, max: 50, maxMs: 15_000 },
    }

const targets: Target[] = [
  { engine: 'lexical', tokens: SIZES, underMs: 1, label: 'lexical under 1 ms (every size)' },
  {
    engine: 'embedding',
    tokens: [500],
    underMs: 25,
    label: `embedding (${TOKEN_BUDGET}-token budget) under 25 ms at 500 tokens`,
  },
  {
    engine: 'affinity hit',
    tokens: SIZES,
    underMs: 0.1,
    label: 'affinity hit under 0.1 ms (every size)',
  },
]

// An agent's system prompt is long; conversationKey reads its first 4000 characters.
const AGENT_SYSTEM_PROMPT =
  "You are a coding agent working in the user's repository. Read the relevant files before you edit them, keep changes small, follow the project's conventions, run the tests, and explain what you changed. ".repeat(
    25,
  )

const startedAt = performance.now()
const loadAtStart = loadavg()[0]
const uptimeAtStart = loadavg()
const { dir, cleanup } = makeTempDir('switchboard-bench-classify-')
// The generated models are gigabytes: never leave them behind on Ctrl-C.
process.once('SIGINT', () => {
  cleanup()
  process.exit(130)
})

/** Ends the run after the embedding part (BENCH_SKIP_GENERATIVE=1). */
class SkipGenerative extends Error {}

interface ModelInfo {
  shape: string
  vocabulary: number
  megabytes: number
  writeMs: number
}

function writeModel(path: string, shape: keyof typeof benchModelShapes, vocab: string[]) {
  const t = performance.now()
  writeTinyLlamaGguf(path, { ...benchModelShapes[shape], vocab, name: `bench-${shape}` })
  const info: ModelInfo = {
    shape,
    vocabulary: 0,
    megabytes: Math.round(statSync(path).size / 1e6),
    writeMs: Math.round(performance.now() - t),
  }
  return info
}

async function loadInto(slot: ModelSlot, path: string, info: ModelInfo): Promise<void> {
  const status = await slot.load(path)
  if (status.state !== 'ready') throw new Error(`could not load ${path}: ${JSON.stringify(status)}`)
  info.vocabulary = await slot.use(
    async (l) => l.model.fileInfo.metadata.tokenizer.ggml.tokens.length,
  )
}

const personas = loadPersonas()
const questions = loadQuestions()
const words = corpusWords(questions)
const threads = defaultThreadCount()
const freeBytes = (() => {
  const fs = statfsSync(tmpdir())
  return fs.bavail * fs.bsize
})()
// The 0.5B-like model takes ~15 s to write and ~12 s per 500-token call on one thread: full run only.
const generativeShape =
  !QUICK && freeBytes > HALF_BILLION_DISK_BYTES ? 'halfBillionLike' : 'smallGenerativeLike'
const cells: Cell[] = []
const firstCallMs: Record<string, number> = {}
let breakdown: BreakdownRow[] = []
let callIndex = 0
// Consecutive calls always take the next variant, so no call repeats the previous call's text.
const nextPrompt = <T>(prompts: T[]): T => prompts[callIndex++ % prompts.length]
const overBudget = () => performance.now() - startedAt > RUN_BUDGET_MS
const within = (b: CellBudget): CellBudget => (overBudget() ? { ...b, min: 1, maxMs: 0 } : b)

const embeddingSlot = createModelSlot({ threads })
const generativeSlot = createModelSlot({ threads })
let models: { embedding: ModelInfo; generative: ModelInfo | undefined } | undefined
try {
  const embeddingPath = join(dir, 'embedding.gguf')
  const generativePath = join(dir, 'generative.gguf')
  models = {
    // No vocabulary padding: an embedding model has no output projection over its vocabulary.
    embedding: writeModel(embeddingPath, 'miniLmLike', words),
    generative: SKIP_GENERATIVE
      ? undefined
      : writeModel(
          generativePath,
          generativeShape,
          generativeShape === 'halfBillionLike' ? vocabularyOfSize(words, QWEN_VOCABULARY) : words,
        ),
  }
  await loadInto(embeddingSlot, embeddingPath, models.embedding)
  const prompts = await embeddingSlot.use(async (l) =>
    buildPrompts(questions, SIZES, VARIANTS, (text) => l.model.tokenize(text).length),
  )
  const at = (size: number) => prompts.get(size)!
  const chars = (size: number) =>
    Math.round(at(size).reduce((n, p) => n + p.text.length, 0) / VARIANTS)
  const record = (engine: string, size: number, timed: Timed) =>
    cells.push(summarizeCell(engine, size, chars(size), timed))

  const lexical = createLexicalEngine()
  for (const size of SIZES) {
    record(
      'lexical',
      size,
      await timeCalls(within(budgets.fast), () =>
        lexical.classify(nextPrompt(at(size)).text, personas),
      ),
    )
  }

  const affinity = createAffinityCache()
  const classify = createClassifier({
    personas: () => personas,
    lexical,
    modelEngine: () => null,
    settings: () => ({ ...defaultSettings, classifierEngine: 'lexical' }),
    affinity,
  })
  for (const size of SIZES) {
    // One conversation per prompt variant, its first user turn that prompt, already remembered.
    const keyed = at(size).map((p) => ({
      text: p.text,
      key: conversationKey({
        messages: [
          { role: 'system', content: AGENT_SYSTEM_PROMPT },
          { role: 'user', content: p.text },
        ],
      })!,
    }))
    for (const { key } of keyed) {
      affinity.set(key, { personaId: personas[0].id, score: 0.9, margin: 0.5, engine: 'lexical' })
    }
    const timed = await timeCalls(within(budgets.fast), async () => {
      const { text, key } = nextPrompt(keyed)
      if ((await classify(text, key)).source !== 'affinity') throw new Error('affinity missed')
    })
    record('affinity hit', size, timed)
  }

  const vectors = new Map<string, Float32Array>()
  const cache: VectorCache = {
    get: (hash, model) => vectors.get(`${model}\n${hash}`),
    set: (hash, model, vector) => void vectors.set(`${model}\n${hash}`, vector),
  }
  const engineWith = (maxTokens: number) =>
    createEmbeddingEngine({
      slot: embeddingSlot,
      cache,
      minScore: defaultSettings.embeddingMinScore,
      minMargin: defaultSettings.embeddingMinMargin,
      maxTokens,
    })
  const embedding = engineWith(TOKEN_BUDGET)
  const unbounded = engineWith(NO_BUDGET)
  // The first call creates the context and embeds the personas (cached from then on, as in the core).
  let t = performance.now()
  await embedding.classify(nextPrompt(at(50)).modelText, personas)
  firstCallMs.embedding = Math.round(performance.now() - t)
  for (const size of SIZES) {
    // Side by side: the same prompts, one cell right after the other, so load changes hit both.
    const timed = await timeCalls(within(budgets.embedding), () =>
      embedding.classify(nextPrompt(at(size)).modelText, personas),
    )
    record('embedding', size, timed)
    const timedUnbounded = await timeCalls(within(budgets.embedding), () =>
      unbounded.classify(nextPrompt(at(size)).modelText, personas),
    )
    record('embedding unbounded', size, timedUnbounded)
  }
  breakdown = await embeddingSlot.use((loaded) =>
    embeddingBreakdown(
      loaded,
      at(500).map((p) => p.modelText),
      TOKEN_BUDGET,
      within(budgets.breakdown),
    ),
  )
  await embeddingSlot.dispose()

  if (SKIP_GENERATIVE) throw new SkipGenerative()
  await loadInto(generativeSlot, generativePath, models.generative!)
  const generative = createGenerativeEngine({ slot: generativeSlot, maxTokens: MAX_TOKENS })
  // The first call creates the context and grammar and evaluates the persona list once.
  t = performance.now()
  await generative.classify(nextPrompt(at(50)).modelText, personas)
  firstCallMs.generative = Math.round(performance.now() - t)
  for (const size of SIZES) {
    const timed = await timeCalls(within(budgets.generative), () =>
      generative.classify(nextPrompt(at(size)).modelText, personas),
    )
    record('generative', size, timed)
  }
} catch (error) {
  if (!(error instanceof SkipGenerative)) throw error
} finally {
  await embeddingSlot.dispose()
  await generativeSlot.dispose()
  await disposeLlamaRuntime()
  cleanup()
}

const results = checkTargets(targets, cells)
const loadAtEnd = loadavg()[0]
const uptimeAtEnd = loadavg()
const cores = availableParallelism()
const header = [
  `Persona classification latency: ${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${threads} llama.cpp thread(s) (defaultThreadCount), Node ${process.version}${QUICK ? ', BENCH_QUICK=1' : ''}`,
  `Load average (1/5/15 min, as uptime prints it) ${loads(uptimeAtStart)} at start, ${loads(uptimeAtEnd)} at end: anything above ~0 means other processes shared the cores.`,
  'Models are generated with seeded random F32 weights in the shapes of real ones: random weights cost the same compute as trained ones (same matrices, same token counts).',
  `  embedding: ${describe(models?.embedding)}; llama architecture, whose gated FFN makes ~1.3x the FLOPs per token of BERT MiniLM-L6.`,
  `  generative: ${describe(models?.generative)}${generativeShape === 'halfBillionLike' ? '; Qwen2.5-0.5B layers and vocabulary size.' : '; NOT 0.5B-sized (~100 MB of layers): ' + (QUICK ? 'BENCH_QUICK=1 uses it to stay short.' : 'too little free disk for the 0.5B-like model.')}`,
  `embedding: the first ${TOKEN_BUDGET} tokens of the ask (embeddingTokenBudget, the default); embedding unbounded: the whole ask up to the model's window (its trainContextSize less 4), as before the budget. Generative keeps ${MAX_TOKENS} tokens. The lexical engine reads at most 4000 characters (start and end).`,
  'Tokens are the stand-in tokenizer\u2019s; the models get the prompt lowercased (their vocabulary is lowercase words), so it tokenizes at ~3 characters per token like a real one.',
  `First calls (context, persona vectors or persona-list prefix): embedding ${firstCallMs.embedding ?? '-'} ms, generative ${firstCallMs.generative ?? '-'} ms. With few samples, p99 is the slowest call.`,
  `cpu: process CPU time / wall time while timing; below ${threads === 1 ? '1' : threads} the engine waited for a core other processes held. cpu ms: median CPU time per call, about the latency on an idle core with one thread.`,
]

function loads(l: number[]): string {
  return l.map((n) => n.toFixed(2)).join(', ')
}

function describe(info: ModelInfo | undefined): string {
  if (!info) return 'not written'
  return `${info.shape}, ${info.megabytes} MB, vocabulary ${info.vocabulary.toLocaleString('en-US')}, written in ${(info.writeMs / 1000).toFixed(1)} s`
}

console.log(header.join('\n') + '\n')
printTable(cells, results)
if (breakdown.length) {
  console.log(`\nwhere a budgeted embedding call spends its time (500-token prompts):`)
  printBreakdown(breakdown)
}
const totalS = (performance.now() - startedAt) / 1000
console.log(`\nran in ${totalS.toFixed(0)} s; results in ${RESULTS.pathname}`)

mkdirSync(new URL('.', RESULTS), { recursive: true })
const report = {
  date: new Date().toISOString(),
  quick: QUICK,
  machine: { cores, cpu: cpus()[0]?.model.trim(), threads, loadAtStart, loadAtEnd },
  node: process.version,
  maxTokens: MAX_TOKENS,
  tokenBudget: TOKEN_BUDGET,
  loadAverages: { start: uptimeAtStart, end: uptimeAtEnd },
  models,
  firstCallMs,
  cells,
  breakdown,
  targets: results,
  notes: header,
  totalSeconds: Number(totalS.toFixed(1)),
}
writeFileSync(RESULTS, JSON.stringify(report, null, 2) + '\n')
