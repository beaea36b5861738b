// Persona classification latency per engine on this machine, for prompts of 50, 500 and 2000
// tokens: the lexical engine, the classifier's affinity hit, and the real embedding and generative
// engines on generated models in the shapes of real ones (written to a temp dir, deleted after).
//
//   npm run bench:classify                 ~3 min; writes bench/results/classify-latest.json
//   BENCH_QUICK=1 npm run bench:classify   ~30 s smoke run with a smaller generative model;
//                                          writes bench/results/classify-other.json
//   BENCH_SKIP_GENERATIVE=1                 the lexical, affinity and embedding parts only
//
// The embedding engine runs on three stand-ins: MiniLM-shaped in F32, and MiniLM- and bge-small-
// shaped in Q8_0 as the catalog ships them. Each at token budgets 128 and 64 (the start of the ask),
// the F32 one also without a budget (the whole ask up to the model's window); then, per model, a
// breakdown of where a budgeted call spends its time (1 vs 2 threads, warm vs new context). The
// 1-minute load average is printed with every cell: the cores are shared.
import { mkdirSync, statfsSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultSettings } from '../src/shared/schemas.ts'
import { createAffinityCache } from '../src/main/core/personas/affinity-cache.ts'
import { createClassifier } from '../src/main/core/personas/classifier.ts'
import { createEmbeddingEngine } from '../src/main/core/personas/embedding-engine.ts'
import type { PersonaScore, VectorCache } from '../src/main/core/personas/engine.ts'
import { createGenerativeEngine } from '../src/main/core/personas/generative-engine.ts'
import { conversationKey } from '../src/main/core/personas/human-ask.ts'
import { createLexicalEngine } from '../src/main/core/personas/lexical-engine.ts'
import {
  createModelSlot,
  defaultThreadCount,
  disposeLlamaRuntime,
  type ModelSlot,
} from '../src/main/core/personas/llama-runtime.ts'
import { bertShapes, writeTinyBertGguf } from '../test/helpers/gguf-bert-writer.ts'
import {
  benchModelShapes,
  writeTinyLlamaGguf,
  type WeightType,
} from '../test/helpers/gguf-writer.ts'
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
// The default and the smaller budget a 25 ms goal might need, compared side by side.
const EMBEDDING_BUDGETS = [...new Set([TOKEN_BUDGET, 128, 64])]
// Stand-ins for the catalog's embedding models (resources/model-catalog.json), BERT like them: the
// default all-MiniLM-L6-v2 in Q4_0, the same in Q8_0, bge-small-en-v1.5 in Q8_0, and MiniLM in F32
// as the unquantized reference.
const EMBEDDING_MODELS: {
  label: string
  shape: keyof typeof bertShapes
  type: WeightType
}[] = [
  { label: 'minilm q4_0', shape: 'miniLm', type: 'q4_0' },
  { label: 'minilm q8_0', shape: 'miniLm', type: 'q8_0' },
  { label: 'bge-small q8_0', shape: 'bgeSmall', type: 'q8_0' },
  { label: 'minilm f32', shape: 'miniLm', type: 'f32' },
]
// The catalog's default embedding model is all-MiniLM-L6-v2 Q4_0: the target is on its stand-in.
const DEFAULT_EMBEDDING = 'minilm q4_0'
// Unquantized, it is what the quantized MiniLM stand-ins (the same seeded weights) are held to.
const REFERENCE_EMBEDDING = 'minilm f32'
const VARIANTS = 12
const QWEN_VOCABULARY = 151_936
// The 0.5B-like model is ~2.5 GB of F32 with its vocabulary; leave room for everything else.
const HALF_BILLION_DISK_BYTES = 4e9
// Past this, the remaining cells time one call each, so a slow or busy machine still finishes.
const RUN_BUDGET_MS = QUICK ? 40_000 : 240_000
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
      embedding: { warmupMs: 0, min: 5, max: 200, maxMs: 3_000 },
      breakdown: { warmupMs: 0, min: 5, max: 50, maxMs: 1_500 },
      generative: { warmupMs: 0, min: 3, max: 50, maxMs: 15_000 },
    }

const targets: Target[] = [
  { engine: 'lexical', tokens: SIZES, underMs: 1, label: 'lexical under 1 ms (every size)' },
  {
    engine: `${DEFAULT_EMBEDDING} @${TOKEN_BUDGET}`,
    tokens: [500],
    underMs: 25,
    label: `${DEFAULT_EMBEDDING} (${TOKEN_BUDGET}-token budget) < 25 ms at 500`,
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

/** Writes a stand-in model with `write` and describes it. */
function writeModel(path: string, shape: string, write: () => void): ModelInfo {
  const t = performance.now()
  write()
  return {
    shape,
    vocabulary: 0,
    megabytes: Math.round(statSync(path).size / 1e6),
    writeMs: Math.round(performance.now() - t),
  }
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
const breakdown: (BreakdownRow & { model: string })[] = []
const rankings = new Map<string, PersonaScore[][]>()
let callIndex = 0
// Consecutive calls always take the next variant, so no call repeats the previous call's text.
const nextPrompt = <T>(prompts: T[]): T => prompts[callIndex++ % prompts.length]
const overBudget = () => performance.now() - startedAt > RUN_BUDGET_MS
const within = (b: CellBudget): CellBudget => (overBudget() ? { ...b, min: 1, maxMs: 0 } : b)

const generativeSlot = createModelSlot({ threads })
let embeddingSlot: ModelSlot | undefined
let models: { embedding: ModelInfo[]; generative: ModelInfo | undefined } | undefined
try {
  const embeddingPath = (i: number) => join(dir, `embedding-${i}.gguf`)
  const generativePath = join(dir, 'generative.gguf')
  models = {
    // No vocabulary padding: an embedding model has no output projection over its vocabulary.
    embedding: EMBEDDING_MODELS.map((m, i) =>
      writeModel(embeddingPath(i), `${m.shape} (BERT) ${m.type}`, () =>
        writeTinyBertGguf(embeddingPath(i), {
          ...bertShapes[m.shape],
          vocab: words,
          type: m.type,
          name: `bench-${m.shape}`,
        }),
      ),
    ),
    generative: SKIP_GENERATIVE
      ? undefined
      : writeModel(generativePath, `${generativeShape} f32`, () =>
          writeTinyLlamaGguf(generativePath, {
            ...benchModelShapes[generativeShape],
            vocab:
              generativeShape === 'halfBillionLike'
                ? vocabularyOfSize(words, QWEN_VOCABULARY)
                : words,
            name: `bench-${generativeShape}`,
          }),
        ),
  }
  // Every stand-in has the same vocabulary, so the first one's tokenizer sizes the prompts for all.
  embeddingSlot = createModelSlot({ threads })
  await loadInto(embeddingSlot, embeddingPath(0), models.embedding[0])
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
  for (const [i, spec] of EMBEDDING_MODELS.entries()) {
    if (i > 0) {
      await embeddingSlot.dispose()
      embeddingSlot = createModelSlot({ threads })
      await loadInto(embeddingSlot, embeddingPath(i), models.embedding[i])
    }
    const slot = embeddingSlot
    const engineWith = (maxTokens: number) =>
      createEmbeddingEngine({
        slot,
        cache,
        minScore: defaultSettings.embeddingMinScore,
        minMargin: defaultSettings.embeddingMinMargin,
        maxTokens,
      })
    // The first call creates the context and embeds the personas (cached from then on, as in the core).
    const t = performance.now()
    await engineWith(TOKEN_BUDGET).classify(nextPrompt(at(50)).modelText, personas)
    firstCallMs[spec.label] = Math.round(performance.now() - t)
    const runs = [
      ...EMBEDDING_BUDGETS.map((b) => ({ name: `${spec.label} @${b}`, engine: engineWith(b) })),
      // Unbounded is slow and grows alike on every model: the default shows it once.
      ...(i === 0 ? [{ name: `${spec.label} unbounded`, engine: engineWith(NO_BUDGET) }] : []),
    ]
    for (const size of SIZES) {
      // Side by side: the same prompts, one cell right after the other, so load changes hit all.
      for (const run of runs) {
        const timed = await timeCalls(within(budgets.embedding), () =>
          run.engine.classify(nextPrompt(at(size)).modelText, personas),
        )
        record(run.name, size, timed)
      }
    }
    const rows = await slot.use((loaded) =>
      embeddingBreakdown(
        loaded,
        at(500).map((p) => p.modelText),
        EMBEDDING_BUDGETS,
        within(budgets.breakdown),
      ),
    )
    breakdown.push(...rows.map((row) => ({ ...row, model: spec.label })))
    // Every ask once, ranked with no threshold: what quantization changes in the decisions.
    const open = { slot, cache, minScore: -1, minMargin: 0, maxTokens: TOKEN_BUDGET }
    const ranker = createEmbeddingEngine(open)
    const asks = SIZES.flatMap((size) => at(size).map((p) => p.modelText))
    rankings.set(spec.label, await Promise.all(asks.map((ask) => ranker.classify(ask, personas))))
  }
  await embeddingSlot.dispose()

  if (SKIP_GENERATIVE) throw new SkipGenerative()
  await loadInto(generativeSlot, generativePath, models.generative!)
  const generative = createGenerativeEngine({ slot: generativeSlot, maxTokens: MAX_TOKENS })
  // The first call creates the context and grammar and evaluates the persona list once.
  const t = performance.now()
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
  await embeddingSlot?.dispose()
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
  'Models are generated with seeded random weights in the shapes of real ones: random weights cost the same compute as trained ones (same matrices, same token counts).',
  ...(models?.embedding ?? []).map((m) => `  embedding: ${describe(m)}`),
  '  (BERT architecture as the catalog models: MiniLM-L6 is 6 layers of 384, bge-small 12; mean pooling; quantized files keep norms, biases and segment embeddings F32 as llama.cpp does)',
  `  generative: ${describe(models?.generative)}${!models?.generative ? '' : generativeShape === 'halfBillionLike' ? '; Qwen2.5-0.5B layers and vocabulary size.' : '; NOT 0.5B-sized (~100 MB of layers): ' + (QUICK ? 'BENCH_QUICK=1 uses it to stay short.' : 'too little free disk for the 0.5B-like model.')}`,
  `"model @N": N tokens of model input, the start of the ask plus [CLS] and [SEP] (embeddingTokenBudget; the default is ${TOKEN_BUDGET}); "unbounded": the whole ask up to the model's window (its trainContextSize less 4). Generative keeps ${MAX_TOKENS} tokens. The lexical engine reads at most 4000 characters (start and end).`,
  'Tokens are the stand-in tokenizer\u2019s; the models get the prompt lowercased (their vocabulary is lowercase words), so it tokenizes at ~3 characters per token like a real one.',
  `First calls (context, persona vectors or persona-list prefix), ms: ${JSON.stringify(firstCallMs)}. With few samples, p99 is the slowest call.`,
  `cpu: process CPU time / wall time while timing; below ${threads === 1 ? '1' : threads} the engine waited for a core other processes held. cpu ms: median CPU time per call, about the latency on an idle core with one thread.`,
]

/**
 * Per quantized MiniLM stand-in: how often its best persona is the reference's, and how far its
 * scores move. Random weights give every persona a close score, so this is the pessimistic case.
 */
function quantizationFidelity(all: Map<string, PersonaScore[][]>, reference: string) {
  const base = all.get(reference)
  if (!base) return []
  return [...all]
    .filter(([model]) => model !== reference && model.startsWith(reference.split(' ')[0]))
    .map(([model, ranked]) => {
      const diffs = ranked.flatMap((r, i) =>
        r.map((s) => Math.abs(s.score - base[i].find((b) => b.personaId === s.personaId)!.score)),
      )
      const margins = base.map((r) => r[0].score - r[1].score)
      return {
        model,
        asks: ranked.length,
        agree: ranked.filter((r, i) => r[0].personaId === base[i][0].personaId).length,
        meanScoreDiff: diffs.reduce((a, b) => a + b, 0) / diffs.length,
        maxScoreDiff: Math.max(...diffs),
        meanMargin: margins.reduce((a, b) => a + b, 0) / margins.length,
      }
    })
}

function loads(l: number[]): string {
  return l.map((n) => n.toFixed(2)).join(', ')
}

function describe(info: ModelInfo | undefined): string {
  if (!info) return 'not written'
  return `${info.shape}, ${info.megabytes} MB, vocabulary ${info.vocabulary.toLocaleString('en-US')}, written in ${(info.writeMs / 1000).toFixed(1)} s`
}

console.log(header.join('\n') + '\n')
printTable(cells, results)
for (const spec of EMBEDDING_MODELS) {
  const rows = breakdown.filter((r) => r.model === spec.label)
  if (!rows.length) continue
  console.log(
    `\n${spec.label}: where a budgeted embedding call spends its time (500-token prompts):`,
  )
  printBreakdown(rows)
}
const fidelity = quantizationFidelity(rankings, REFERENCE_EMBEDDING)
if (fidelity.length) {
  console.log(
    `\nQuantization against ${REFERENCE_EMBEDDING} (the same seeded weights), every ask ranked at budget ${TOKEN_BUDGET}:`,
  )
  for (const f of fidelity) {
    console.log(
      `  ${f.model.padEnd(16)} top persona agrees on ${f.agree} of ${f.asks}; scores differ by ${f.meanScoreDiff.toFixed(4)} on average (max ${f.maxScoreDiff.toFixed(4)}); runner-up margins average ${f.meanMargin.toFixed(4)}`,
    )
  }
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
  fidelity,
  targets: results,
  notes: header,
  totalSeconds: Number(totalS.toFixed(1)),
}
writeFileSync(RESULTS, JSON.stringify(report, null, 2) + '\n')
