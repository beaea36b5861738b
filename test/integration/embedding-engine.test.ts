import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonaProfile, VectorCache } from '../../src/main/core/personas/engine.ts'
import {
  cosineSimilarity,
  createEmbeddingEngine,
  rankByScore,
} from '../../src/main/core/personas/embedding-engine.ts'
import { createModelSlot, ModelNotReadyError } from '../../src/main/core/personas/llama-runtime.ts'
import { writeTinyLlamaGguf } from '../helpers/gguf-writer.ts'
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

beforeAll(async () => {
  writeTinyLlamaGguf(modelFile, { seed: 11 })
  writeTinyLlamaGguf(otherModelFile, { seed: 12 })
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

  it('truncates long prompts to maxTokens, keeping the end', async () => {
    const engine = createEmbeddingEngine({ slot, cache: spyCache().cache, ...open, maxTokens: 16 })
    // Far longer than 16 tokens, even in a vocabulary of single letters.
    const tail = 'please tell me why this sql query is slow although the index exists'
    const long = `${'lorem ipsum dolor sit amet '.repeat(400)}${tail}`
    const ranked = await engine.classify(long, personas)
    expect(ranked).toHaveLength(3)
    // Only the last 16 tokens count, so a different beginning changes nothing.
    expect(await engine.classify(`${'other words here '.repeat(300)}${tail}`, personas)).toEqual(
      await engine.classify(`${'zzz '.repeat(300)}${tail}`, personas),
    )
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
