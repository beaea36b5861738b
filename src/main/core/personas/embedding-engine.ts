// The embedding engine: cosine similarity between the prompt's vector and each persona's vector.
import { createHash } from 'node:crypto'
import type { LlamaEmbeddingContext, Token } from 'node-llama-cpp'
import type { ClassifierEngine, PersonaScore, VectorCache } from './engine.ts'
import type { LoadedModel, ModelSlot } from './llama-runtime.ts'
import { personaVector, personaVectorKey } from './persona-vector.ts'

export interface EmbeddingEngineOptions {
  slot: ModelSlot
  cache: VectorCache
  /** Below this cosine the best persona is not trusted: "no persona". */
  minScore: number
  /** Below this lead over the runner-up the choice is a coin toss: "no persona". */
  minMargin: number
  /** The most tokens of a text that are embedded. */
  maxTokens: number
  /** Cache identity of the model; defaults to the loaded file's path, size and mtime. */
  modelId?: string
}

// BOS and EOS are added by node-llama-cpp, and the input must stay below the context size.
const RESERVED_TOKENS = 4

/** Cosine similarity; 0 when either vector is all zeros. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0
  let normA = 0
  let normB = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i]
    normA += a[i] * a[i]
    normB += b[i] * b[i]
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB)
}

/** Ranks personas best first, or [] when the best is too weak or too close to the runner-up. */
export function rankByScore(
  scores: PersonaScore[],
  minScore: number,
  minMargin: number,
): PersonaScore[] {
  const ranked = [...scores].sort((a, b) => b.score - a.score)
  const [best, second] = ranked
  if (!best || best.score < minScore) return []
  if (second && best.score - second.score < minMargin) return []
  return ranked
}

/** The embedding classifier engine, running on the model in `slot`. */
export function createEmbeddingEngine(options: EmbeddingEngineOptions): ClassifierEngine {
  const { slot, cache, minScore, minMargin } = options

  const embed = async (loaded: LoadedModel, tokens: Token[]): Promise<Float32Array> => {
    const limit = tokenLimit(loaded, options.maxTokens)
    // One context per model: creating one costs far more than an embedding of a short text.
    const context = await loaded.resource<LlamaEmbeddingContext>(`embedding:${limit}`, () =>
      loaded.model.createEmbeddingContext({
        contextSize: limit + RESERVED_TOKENS,
        batchSize: limit + RESERVED_TOKENS,
        threads: loaded.threads,
      }),
    )
    const embedding = await context.getEmbeddingFor(tokens)
    return Float32Array.from(embedding.vector)
  }

  return {
    name: 'embedding',
    async classify(text, personas, signal) {
      signal?.throwIfAborted()
      if (personas.length === 0 || text.trim() === '') return []
      return slot.use(async (loaded) => {
        const limit = tokenLimit(loaded, options.maxTokens)
        const modelId = options.modelId ?? loaded.modelId
        // The ask is usually the last thing in a prompt (code and history come before it): keep the end.
        const promptTokens = loaded.model.tokenize(text).slice(-limit)
        const promptVector = await embed(loaded, promptTokens)
        const scores: PersonaScore[] = []
        // Each text of a persona is embedded once and cached; a new example costs one embedding.
        const embedText = async (text: string) => {
          const hash = createHash('sha256').update(text).digest('hex')
          let vector = cache.get(hash, modelId)
          if (!vector) {
            // A persona text reads name first: keep the start when it is too long.
            vector = await embed(loaded, loaded.model.tokenize(text).slice(0, limit))
            cache.set(hash, modelId, vector)
          }
          return vector
        }
        for (const persona of personas) {
          signal?.throwIfAborted()
          const key = personaVectorKey(persona)
          let vector = cache.get(key, modelId)
          if (!vector) {
            vector = await personaVector(persona, embedText)
            cache.set(key, modelId, vector)
          }
          scores.push({ personaId: persona.id, score: cosineSimilarity(promptVector, vector) })
        }
        return rankByScore(scores, minScore, minMargin)
      }, signal)
    },
  }
}

function tokenLimit(loaded: LoadedModel, maxTokens: number): number {
  return Math.max(
    1,
    Math.min(Math.floor(maxTokens), loaded.model.trainContextSize - RESERVED_TOKENS),
  )
}
