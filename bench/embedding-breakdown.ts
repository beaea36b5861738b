// Where an embedding classification spends its time: tokenizing the ask, evaluating the model,
// and the context choices that are ours (threads, batch size, context size, a warm context or a
// new one). node-llama-cpp's embedding context has no flash-attention option, so that is not ours.
import { loadavg } from 'node:os'
import type { LlamaEmbeddingContext } from 'node-llama-cpp'
import { budgetedTokens, headTokens } from '../src/main/core/personas/embedding-engine.ts'
import type { LoadedModel } from '../src/main/core/personas/llama-runtime.ts'
import { quantile, timeCalls, type CellBudget } from './classify-report.ts'

export interface BreakdownRow {
  step: string
  n: number
  p50Ms: number
  p95Ms: number
  cpuP50Ms: number
  /** 1-minute load average when the step ended: other processes on the cores. */
  load1m: number
}

// Room past the budget in the context, as the engine leaves it.
const RESERVED_TOKENS = 4
// A batch smaller than the input: the input is then evaluated in several passes.
const SMALL_BATCH = 32

/**
 * Times each step for `texts` (one per call, in turn): tokenizing all of the text or only its
 * head, then evaluating each budget's tokens under each context setting, in warm contexts.
 */
export async function embeddingBreakdown(
  loaded: LoadedModel,
  texts: string[],
  budgets: number[],
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
      p95Ms: Number(quantile(samples, 0.95).toFixed(3)),
      cpuP50Ms: Number(quantile(cpuSamples, 0.5).toFixed(3)),
      load1m: Number(loadavg()[0].toFixed(2)),
    })
  }
  const window = loaded.model.trainContextSize - RESERVED_TOKENS
  const context = (size: number, threads: number, batch = size) =>
    loaded.model.createEmbeddingContext({ contextSize: size, batchSize: batch, threads })
  // Each budget's tokens as the engine cuts them: the ask's start plus [CLS] and [SEP].
  const warm = async (
    step: string,
    budget: number,
    size: number,
    threads: number,
    batch?: number,
  ) => {
    const ctx: LlamaEmbeddingContext = await context(size, threads, batch)
    try {
      const tokens = texts.map((t) => budgetedTokens(ctx, t, budget))
      await ctx.getEmbeddingFor(tokens[0])
      await time(step, () => ctx.getEmbeddingFor(tokens[call++ % tokens.length]))
    } finally {
      await ctx.dispose()
    }
  }

  const first = budgets[0]
  await time('tokenize the whole text', async () => loaded.model.tokenize(next()))
  await time(`tokenize its head (${first} tokens)`, async () =>
    headTokens(loaded.model, next(), first),
  )
  for (const budget of budgets) {
    const size = budget + RESERVED_TOKENS
    await warm(`eval ${budget} tokens, 1 thread`, budget, size, 1)
    await warm(`eval ${budget} tokens, 2 threads`, budget, size, 2)
  }
  const size = first + RESERVED_TOKENS
  await warm(`eval ${first}, 1 thread, batch ${SMALL_BATCH}`, first, size, 1, SMALL_BATCH)
  await warm(`eval ${first}, 1 thread, context ${window}`, first, window, 1)
  await time(`eval ${first}, 1 thread, a new context per call`, async () => {
    const fresh = await context(size, 1)
    try {
      await fresh.getEmbeddingFor(budgetedTokens(fresh, next(), first))
    } finally {
      await fresh.dispose()
    }
  })
  return rows
}

/** The breakdown as a table. */
export function printBreakdown(rows: BreakdownRow[]): void {
  console.log(
    'step'.padEnd(44) +
      'n'.padStart(5) +
      'p50 ms'.padStart(10) +
      'p95 ms'.padStart(10) +
      'cpu ms'.padStart(10) +
      'load'.padStart(7),
  )
  for (const r of rows) {
    console.log(
      r.step.padEnd(44) +
        String(r.n).padStart(5) +
        r.p50Ms.toFixed(2).padStart(10) +
        r.p95Ms.toFixed(2).padStart(10) +
        r.cpuP50Ms.toFixed(2).padStart(10) +
        r.load1m.toFixed(2).padStart(7),
    )
  }
}
