// Where an embedding classification spends its time: tokenizing the ask, evaluating the model,
// and the context choices that are ours (threads, context size, a warm context or a new one).
import type { LlamaEmbeddingContext, Token } from 'node-llama-cpp'
import { headTokens } from '../src/main/core/personas/embedding-engine.ts'
import type { LoadedModel } from '../src/main/core/personas/llama-runtime.ts'
import { quantile, timeCalls, type CellBudget } from './classify-report.ts'

export interface BreakdownRow {
  step: string
  n: number
  p50Ms: number
  cpuP50Ms: number
}

// BOS and EOS, as the engine reserves them.
const RESERVED_TOKENS = 4

/**
 * Times each step for `texts` (one per call, in turn) cut to `budget` tokens: tokenizing all of
 * the text or only its head, then evaluating the budgeted tokens under each context setting.
 */
export async function embeddingBreakdown(
  loaded: LoadedModel,
  texts: string[],
  budget: number,
  timing: CellBudget,
): Promise<BreakdownRow[]> {
  const rows: BreakdownRow[] = []
  let call = 0
  const next = () => texts[call++ % texts.length]
  const time = async (step: string, run: () => Promise<unknown>) => {
    const { samples, cpuSamples } = await timeCalls(timing, run)
    rows.push({
      step,
      n: samples.length,
      p50Ms: Number(quantile(samples, 0.5).toFixed(3)),
      cpuP50Ms: Number(quantile(cpuSamples, 0.5).toFixed(3)),
    })
  }
  const window = loaded.model.trainContextSize - RESERVED_TOKENS
  const tokensOf = texts.map((t) => headTokens(loaded.model, t, budget))
  const nextTokens = (): Token[] => tokensOf[call++ % tokensOf.length]
  const context = (size: number, threads: number) =>
    loaded.model.createEmbeddingContext({ contextSize: size, batchSize: size, threads })

  await time('tokenize the whole text', async () => loaded.model.tokenize(next()))
  await time(`tokenize its head (${budget} tokens)`, async () =>
    headTokens(loaded.model, next(), budget),
  )
  const settings: { step: string; size: number; threads: number }[] = [
    { step: `eval ${budget} tokens, 1 thread, context ${budget}`, size: budget, threads: 1 },
    { step: `eval ${budget} tokens, 2 threads, context ${budget}`, size: budget, threads: 2 },
    { step: `eval ${budget} tokens, 1 thread, context ${window}`, size: window, threads: 1 },
  ]
  for (const { step, size, threads } of settings) {
    const warm: LlamaEmbeddingContext = await context(size + RESERVED_TOKENS, threads)
    try {
      await warm.getEmbeddingFor(nextTokens())
      await time(step, () => warm.getEmbeddingFor(nextTokens()))
    } finally {
      await warm.dispose()
    }
  }
  // What a budget that fits 25 ms of one core would read.
  const small = 32
  const smallContext = await context(small + RESERVED_TOKENS, 1)
  try {
    await time(`eval ${small} tokens, 1 thread, context ${small}`, () =>
      smallContext.getEmbeddingFor(nextTokens().slice(0, small)),
    )
  } finally {
    await smallContext.dispose()
  }
  await time(`eval ${budget} tokens, 1 thread, a new context per call`, async () => {
    const fresh = await context(budget + RESERVED_TOKENS, 1)
    try {
      await fresh.getEmbeddingFor(nextTokens())
    } finally {
      await fresh.dispose()
    }
  })
  return rows
}

/** The breakdown as a table. */
export function printBreakdown(rows: BreakdownRow[]): void {
  console.log('step'.padEnd(52) + 'n'.padStart(5) + 'p50 ms'.padStart(10) + 'cpu ms'.padStart(10))
  for (const r of rows) {
    console.log(
      r.step.padEnd(52) +
        String(r.n).padStart(5) +
        r.p50Ms.toFixed(2).padStart(10) +
        r.cpuP50Ms.toFixed(2).padStart(10),
    )
  }
}
