import { join } from 'node:path'
import type { LlamaEmbeddingContext, Token } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/core/db/connection.ts'
import { createVectorCache } from '../../src/main/core/db/persona-repo.ts'
import type { PersonaProfile, VectorCache } from '../../src/main/core/personas/engine.ts'
import {
  budgetedTokens,
  cosineSimilarity,
  createEmbeddingEngine,
  headTokens,
  rankByScore,
} from '../../src/main/core/personas/embedding-engine.ts'
import { personaVector } from '../../src/main/core/personas/persona-vector.ts'
import {
  createModelSlot,
  ModelNotReadyError,
  type ModelSlot,
} from '../../src/main/core/personas/llama-runtime.ts'
import { writeTinyBertGguf } from '../helpers/gguf-bert-writer.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

const temp = makeTempDir()
const modelFile = join(temp.dir, 'embed.gguf')
const otherModelFile = join(temp.dir, 'other.gguf')
const slot = createModelSlot({ threads: 1 })

const personas: PersonaProfile[] = [
  {
    id: 'frontend-react',
    name: 'Frontend React Expert',
    description: 'React components, hooks and CSS',
    examples: ['Why does my useEffect run twice?', 'Center this div'],
  },
  {
    id: 'database',
    name: 'Database Tuner',
    description: 'SQL queries, indexes and query plans',
    examples: ['Why is this query slow?'],
  },
  {
    id: 'devops',
    name: 'DevOps Engineer',
    description: 'Docker, CI pipelines and Kubernetes',
    examples: [],
  },
]
// A persona vector is built from its name + description and each example, each embedded once.
const personaTexts = personas.reduce((n, p) => n + 1 + p.examples.length, 0)

/** An in-memory VectorCache that counts what the engine asks of it. */
function spyCache() {
  const store = new Map<string, Float32Array>()
  const calls = { get: 0, hit: 0, set: 0 }
  const cache: VectorCache = {
    get(hash, modelId) {
      calls.get++
      const vector = store.get(`${modelId}|${hash}`)
      if (vector) calls.hit++
      return vector
    },
    set(hash, modelId, vector) {
      calls.set++
      store.set(`${modelId}|${hash}`, vector)
    },
  }
  return { cache, calls }
}

const open = { minScore: -1, minMargin: 0, maxTokens: 128 }

const RAW = Symbol('raw context')
type Recorded = LlamaEmbeddingContext & { [RAW]?: LlamaEmbeddingContext }

/**
 * `slot` as the engine sees it, recording the tokens every embedding context is given (the real
 * model still evaluates them) and counting the contexts created.
 */
function recordingSlot(inner: ModelSlot) {
  const received: Token[][] = []
  const contexts = { created: 0 }
  const record = (context: Recorded): LlamaEmbeddingContext => {
    const raw = context[RAW] ?? context
    return Object.assign(Object.create(raw) as Recorded, {
      [RAW]: raw,
      getEmbeddingFor: (tokens: Token[]) => {
        received.push([...tokens])
        return raw.getEmbeddingFor(tokens)
      },
      dispose: () => raw.dispose(),
    })
  }
  const slot: ModelSlot = {
    ...inner,
    use: (task, signal) =>
      inner.use((loaded) => {
        const createEmbeddingContext: typeof loaded.model.createEmbeddingContext = async (o) => {
          contexts.created++
          return record(await loaded.model.createEmbeddingContext(o))
        }
        const model = Object.assign(Object.create(loaded.model) as typeof loaded.model, {
          createEmbeddingContext,
        })
        return task({
          ...loaded,
          model,
          // A warm context another engine created records for this one too.
          resource: async <T>(key: string, create: () => Promise<T>, version?: string) => {
            const value = (await loaded.resource(key, create as never, version)) as object
            // The short-ask handle holds its context.
            if ('context' in value)
              return { ...value, context: record(value.context as Recorded) } as T
            return record(value as Recorded) as T
          },
        })
      }, signal),
  }
  return { slot, received, contexts }
}

// The words of the asks below, so they tokenize by word as a real vocabulary would.
const words = ['why', 'is', 'this', 'sql', 'query', 'slow', 'index', 'react', 'docker', 'hook']
words.push('state', 'css', 'my', 'the', 'kubernetes', 'pods', 'restart', 'prompt', 'first')
// The budget counts the model input: [CLS] and [SEP] come around the ask's tokens.
const ADDED = 2

/** A long ask whose first line is the question; what follows is a pasted log. */
const longAsk = `why is this sql query slow although the index exists\n${'react docker hook state css '.repeat(120)}`

beforeAll(async () => {
  writeTinyBertGguf(modelFile, { seed: 11, vocab: words })
  writeTinyBertGguf(otherModelFile, { seed: 12, vocab: words })
  await slot.load(modelFile)
})
afterAll(async () => {
  await slot.dispose()
  temp.cleanup()
})

describe('createEmbeddingEngine', () => {
  it('ranks every persona, best first, with cosine scores', async () => {
    const engine = createEmbeddingEngine({ slot, cache: spyCache().cache, ...open })
    const ranked = await engine.classify('my react hook renders twice', personas)
    expect(ranked.map((r) => r.personaId).sort()).toEqual(personas.map((p) => p.id).sort())
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i - 1].score >= ranked[i].score).toBe(true)
    for (const r of ranked) expect(Math.abs(r.score)).toBeLessThanOrEqual(1 + 1e-6)
  })

  it('ranks the same input the same way every time', async () => {
    const engine = createEmbeddingEngine({ slot, cache: spyCache().cache, ...open })
    const text = 'the docker build fails in CI'
    const a = await engine.classify(text, personas)
    const b = await engine.classify(text, personas)
    expect(b).toEqual(a)
  })

  it('puts first the persona whose own words are the prompt', async () => {
    const engine = createEmbeddingEngine({ slot, cache: spyCache().cache, ...open })
    // Without examples, a persona's vector is its name and description alone.
    const bare = personas.map((p) => ({ ...p, examples: [] }))
    for (const persona of bare) {
      const [best] = await engine.classify(`${persona.name}\n${persona.description}`, bare)
      expect(best.personaId).toBe(persona.id)
      expect(best.score).toBeCloseTo(1, 4)
    }
  })

  it('reads every example, however many, through the centroid of their vectors', async () => {
    const engine = createEmbeddingEngine({ slot, cache: spyCache().cache, ...open })
    const prompt = 'the nightly export job writes half the rows'
    const [before] = await engine.classify(prompt, personas)
    const other = personas.find((p) => p.id !== before.personaId)!
    // Many long examples first: one vector of the whole text would cut the last one off.
    const filler = Array.from({ length: 12 }, (_, i) => `${'unrelated words here '.repeat(20)}${i}`)
    const taught = personas.map((p) =>
      p.id === other.id ? { ...p, examples: [...p.examples, ...filler, prompt] } : p,
    )
    const withoutIt = personas.map((p) =>
      p.id === other.id ? { ...p, examples: [...p.examples, ...filler] } : p,
    )
    const score = async (list: PersonaProfile[]) =>
      (await engine.classify(prompt, list)).find((r) => r.personaId === other.id)!.score
    expect(await score(taught)).toBeGreaterThan(await score(withoutIt))
  })

  it('computes persona vectors once, then serves them from the cache', async () => {
    const { cache, calls } = spyCache()
    const engine = createEmbeddingEngine({ slot, cache, ...open })
    await engine.classify('first prompt', personas)
    // Three name-and-description vectors, three example vectors, three persona vectors.
    expect(calls.set).toBe(9)
    await engine.classify('second prompt', personas)
    await engine.classify('third prompt', personas)
    expect(calls.set).toBe(9)
    expect(calls.hit).toBe(6)
  })

  it('recomputes only the persona whose text changed', async () => {
    const { cache, calls } = spyCache()
    const engine = createEmbeddingEngine({ slot, cache, ...open })
    await engine.classify('a prompt', personas)
    const edited = personas.map((p) =>
      p.id === 'devops' ? { ...p, examples: ['My pod keeps restarting'] } : p,
    )
    await engine.classify('a prompt', edited)
    // The new example's vector and devops' persona vector; its description vector is reused.
    expect(calls.set).toBe(11)
  })

  it('keys cached vectors by model, so another model recomputes them', async () => {
    const { cache, calls } = spyCache()
    const engine = createEmbeddingEngine({ slot, cache, ...open })
    await engine.classify('a prompt', personas)
    await slot.load(otherModelFile)
    try {
      await engine.classify('a prompt', personas)
      expect(calls.set).toBe(18)
    } finally {
      await slot.load(modelFile)
    }
    const pinned = createEmbeddingEngine({ slot, cache, ...open, modelId: 'catalog:tiny' })
    await pinned.classify('a prompt', personas)
    expect(calls.set).toBe(27)
  })

  it('answers "no persona" below minScore or below minMargin', async () => {
    const cache = spyCache().cache
    const text = 'my react hook renders twice'
    const ranked = await createEmbeddingEngine({ slot, cache, ...open }).classify(text, personas)
    const [best, second] = ranked
    const strict = (minScore: number, minMargin: number) =>
      createEmbeddingEngine({ slot, cache, maxTokens: 128, minScore, minMargin }).classify(
        text,
        personas,
      )
    expect(await strict(best.score + 0.001, 0)).toEqual([])
    expect(await strict(best.score - 0.001, 0)).toEqual(ranked)
    const margin = best.score - second.score
    expect(await strict(-1, margin + 0.001)).toEqual([])
    expect(await strict(-1, margin - 0.001)).toEqual(ranked)
  })

  it('embeds a short ask (no flash attention) to the scores a flash-attention context gives', async () => {
    const engine = createEmbeddingEngine({ slot, cache: spyCache().cache, ...open })
    const ask = 'my react hook renders twice'
    const ranked = await engine.classify(ask, personas)
    const reference = await slot.use(async (l) => {
      const context = await l.model.createEmbeddingContext({ contextSize: 132, threads: 1 })
      try {
        const embed = async (text: string) =>
          Float32Array.from(
            (await context.getEmbeddingFor(budgetedTokens(context, text, 128))).vector,
          )
        const askVector = await embed(ask)
        return new Map(
          await Promise.all(
            personas.map(
              async (p) =>
                [p.id, cosineSimilarity(askVector, await personaVector(p, embed))] as const,
            ),
          ),
        )
      } finally {
        await context.dispose()
      }
    })
    expect(ranked).toHaveLength(personas.length)
    for (const r of ranked) expect(r.score).toBeCloseTo(reference.get(r.personaId)!, 3)
  })

  it('embeds at most the token budget of the ask, from its start', async () => {
    const { slot: recorded, received } = recordingSlot(slot)
    const engine = createEmbeddingEngine({ slot: recorded, cache: spyCache().cache, ...open })
    await engine.classify('warm up the persona vectors', personas)
    received.length = 0
    await engine.classify(longAsk, personas)
    expect(received).toHaveLength(1)
    const tokens = await slot.use(async (l) => l.model.tokenize(longAsk))
    expect(tokens.length).toBeGreaterThan(300)
    expect(received[0]).toEqual(tokens.slice(0, 128 - ADDED))
  })

  it('never embeds beyond the model window, whatever the budget', async () => {
    const smallFile = join(temp.dir, 'small-window.gguf')
    writeTinyBertGguf(smallFile, { seed: 13, contextLength: 64, vocab: words })
    const small = createModelSlot({ threads: 1 })
    await small.load(smallFile)
    try {
      const { slot: recorded, received } = recordingSlot(small)
      const engine = createEmbeddingEngine({
        slot: recorded,
        cache: spyCache().cache,
        ...open,
        maxTokens: 4_096,
      })
      const ranked = await engine.classify(longAsk, personas)
      expect(ranked).toHaveLength(3)
      const trainContextSize = await small.use(async (l) => l.model.trainContextSize)
      expect(trainContextSize).toBe(64)
      expect(received.length).toBe(1 + personaTexts)
      // The whole input, [CLS] and [SEP] included, stays below the context size.
      for (const tokens of received) expect(tokens.length + ADDED).toBeLessThanOrEqual(60)
      expect(received.at(-1)!.length + ADDED).toBe(60)
    } finally {
      await small.dispose()
    }
  })

  it('classifies a long ask as it classifies its first 128 tokens alone', async () => {
    const engine = createEmbeddingEngine({ slot, cache: spyCache().cache, ...open })
    const prefix = await slot.use(async (l) =>
      l.model.detokenize(l.model.tokenize(longAsk).slice(0, 128 - ADDED)),
    )
    expect(prefix.length).toBeLessThan(longAsk.length / 2)
    const whole = await engine.classify(longAsk, personas)
    expect(await engine.classify(prefix, personas)).toEqual(whole)
    // What follows the budget changes nothing; what is inside it does.
    expect(await engine.classify(`${prefix} kubernetes pods restart`, personas)).toEqual(whole)
    expect(await engine.classify(`the ${prefix}`, personas)).not.toEqual(whole)
  })

  it('reads the budget per engine, so a new budget applies to the next request', async () => {
    const { slot: recorded, received } = recordingSlot(slot)
    const cache = spyCache().cache
    await createEmbeddingEngine({ slot: recorded, cache, ...open }).classify(longAsk, personas)
    await createEmbeddingEngine({ slot: recorded, cache, ...open, maxTokens: 32 }).classify(
      longAsk,
      personas,
    )
    expect(received.at(-2)).toHaveLength(128 - ADDED)
    expect(received.at(-1)).toHaveLength(32 - ADDED)
  })

  it('keeps the ask context warm and persona vectors in memory across requests and engines', async () => {
    const data = makeTempDir()
    const db = openDatabase(data.dir)
    try {
      const cache = createVectorCache(db)
      const { slot: recorded, received, contexts } = recordingSlot(slot)
      const engine = createEmbeddingEngine({ slot: recorded, cache, ...open, maxTokens: 96 })
      await engine.classify('first prompt', personas)
      expect(received).toHaveLength(1 + personaTexts)
      const afterFirst = contexts.created
      // A settings change makes a new engine: it reuses the warm context and cached vectors.
      const again = createEmbeddingEngine({ slot: recorded, cache, ...open, maxTokens: 96 })
      for (const prompt of ['second prompt', 'third prompt']) {
        await engine.classify(prompt, personas)
        await again.classify(prompt, personas)
      }
      expect(received).toHaveLength(1 + personaTexts + 4)
      expect(contexts.created).toBe(afterFirst)
      // A fresh process reads them from SQLite: only the ask is embedded.
      const restarted = createEmbeddingEngine({
        slot: recorded,
        cache: createVectorCache(db),
        ...open,
      })
      await restarted.classify('fourth prompt', personas)
      expect(received).toHaveLength(1 + personaTexts + 5)
    } finally {
      db.close()
      data.cleanup()
    }
  })

  it('answers "no persona" for no personas or a blank prompt', async () => {
    const engine = createEmbeddingEngine({ slot, cache: spyCache().cache, ...open })
    expect(await engine.classify('hello', [])).toEqual([])
    expect(await engine.classify('   ', personas)).toEqual([])
  })

  it('honours an aborted signal', async () => {
    const engine = createEmbeddingEngine({ slot, cache: spyCache().cache, ...open })
    const signal = AbortSignal.abort(new Error('classifier timeout'))
    await expect(engine.classify('hello', personas, signal)).rejects.toThrow('classifier timeout')
  })

  it('throws when its slot has no model, so the caller skips persona rules', async () => {
    const empty = createModelSlot({ threads: 1 })
    const engine = createEmbeddingEngine({ slot: empty, cache: spyCache().cache, ...open })
    await expect(engine.classify('hello', personas)).rejects.toThrow(ModelNotReadyError)
  })
})

describe('headTokens', () => {
  it('cuts exactly where tokenizing the whole text and cutting would', async () => {
    const texts = [
      longAsk,
      'short ask',
      `${'x'.repeat(3_000)} react`,
      `${'über naïve café '.repeat(200)}`,
      `${'react'.repeat(500)}`,
    ]
    await slot.use(async (l) => {
      for (const text of texts) {
        for (const budget of [16, 128, 508]) {
          expect(headTokens(l.model, text, budget)).toEqual(l.model.tokenize(text).slice(0, budget))
        }
      }
    })
  })
})

describe('cosineSimilarity and rankByScore', () => {
  it('compute cosine and apply thresholds', () => {
    const v = (...n: number[]) => Float32Array.from(n)
    expect(cosineSimilarity(v(1, 0), v(1, 0))).toBeCloseTo(1)
    expect(cosineSimilarity(v(1, 0), v(0, 1))).toBeCloseTo(0)
    expect(cosineSimilarity(v(0, 0), v(1, 1))).toBe(0)
    const scores = [
      { personaId: 'a', score: 0.5 },
      { personaId: 'b', score: 0.9 },
    ]
    expect(rankByScore(scores, 0, 0).map((s) => s.personaId)).toEqual(['b', 'a'])
    expect(rankByScore(scores, 0.95, 0)).toEqual([])
    expect(rankByScore(scores, 0, 0.5)).toEqual([])
    expect(rankByScore([{ personaId: 'solo', score: 0.4 }], 0.3, 0.5)).toHaveLength(1)
  })
})
