// The embedding engine: cosine similarity between the prompt's vector and each persona's vector.
import { createHash } from 'node:crypto'
import type { LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp'
import type { ClassifierEngine, PersonaProfile, PersonaScore, VectorCache } from './engine.ts'
import type { LoadedModel, ModelSlot } from './llama-runtime.ts'
import { personaVector, personaVectorKey } from './persona-vector.ts'

export interface EmbeddingEngineOptions {
  slot: ModelSlot
  cache: VectorCache
  /** Below this cosine the best persona is not trusted: "no persona". */
  minScore: number
  /** Below this lead over the runner-up the choice is a coin toss: "no persona". */
  minMargin: number
  /** The most tokens of the ask that are embedded, from its start; the model's window caps it. */
  maxTokens: number
  /** Cache identity of the model; defaults to the loaded file's path, size and mtime. */
  modelId?: string
}

// BOS and EOS are added by node-llama-cpp, and the input must stay below the context size.
const RESERVED_TOKENS = 4
// Persona vectors are computed once and cached, so a persona may use more of the model's window.
const PERSONA_MAX_TOKENS = 512
// Only a head of the ask is tokenized, so a pasted novel costs no more than a question: first this
// many characters per budgeted token (code runs ~3, prose ~4), then twice as many until enough.
const HEAD_CHARS_PER_TOKEN = 6
// Tokens past the budget that must come out of a head before it is cut: a merge across the head's
// end changes only the last few tokens, never the ones kept.
const HEAD_SLACK_TOKENS = 16

/**
 * The first `budget` tokens of `text` by the model's own tokenizer, the same as tokenizing it all
 * and cutting, but a long text is tokenized only as far as needed.
 */
export function headTokens(model: LlamaModel, text: string, budget: number): Token[] {
  let chars = budget * HEAD_CHARS_PER_TOKEN
  // Each round doubles the head, so this ends within log2(text length) rounds.
  for (;;) {
    const whole = chars >= text.length
    const tokens = model.tokenize(whole ? text : text.slice(0, chars))
    if (whole || tokens.length > budget + HEAD_SLACK_TOKENS) return tokens.slice(0, budget)
    chars *= 2
  }
}

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

  // The ask's context stays warm: created once per model and budget, reused by every request.
  const askContext = (loaded: LoadedModel, limit: number) =>
    loaded.resource<LlamaEmbeddingContext>(
      'embedding',
      () => createContext(loaded, limit),
      String(limit),
    )

  const embed = async (context: LlamaEmbeddingContext, tokens: Token[]): Promise<Float32Array> => {
    const embedding = await context.getEmbeddingFor(tokens)
    return Float32Array.from(embedding.vector)
  }

  /**
   * Persona vectors (persona-vector.ts) from the cache; missing ones are built once, in a context
   * sized for persona texts. Each text is embedded once too, so a new example costs one embedding.
   */
  const personaVectors = async (
    loaded: LoadedModel,
    personas: PersonaProfile[],
    signal: AbortSignal | undefined,
  ): Promise<Float32Array[]> => {
    const modelId = options.modelId ?? loaded.modelId
    const keys = personas.map(personaVectorKey)
    const vectors = keys.map((key) => cache.get(key, modelId))
    if (vectors.every((v) => v !== undefined)) return vectors
    const limit = tokenLimit(loaded, PERSONA_MAX_TOKENS)
    const context = await createContext(loaded, limit)
    const embedText = async (text: string) => {
      const hash = createHash('sha256').update(text).digest('hex')
      let vector = cache.get(hash, modelId)
      if (!vector) {
        signal?.throwIfAborted()
        // A persona text reads name first: keep the start when it is too long.
        vector = await embed(context, headTokens(loaded.model, text, limit))
        cache.set(hash, modelId, vector)
      }
      return vector
    }
    try {
      for (const [i, persona] of personas.entries()) {
        if (vectors[i]) continue
        const vector = await personaVector(persona, embedText)
        cache.set(keys[i]!, modelId, vector)
        vectors[i] = vector
      }
    } finally {
      await context.dispose()
    }
    return vectors as Float32Array[]
  }

  return {
    name: 'embedding',
    async classify(text, personas, signal) {
      signal?.throwIfAborted()
      if (personas.length === 0 || text.trim() === '') return []
      return slot.use(async (loaded) => {
        const vectors = await personaVectors(loaded, personas, signal)
        const limit = tokenLimit(loaded, options.maxTokens)
        // The ask's start carries its intent (the question, its first lines): keep the start.
        const promptTokens = headTokens(loaded.model, text, limit)
        const promptVector = await embed(await askContext(loaded, limit), promptTokens)
        const scores: PersonaScore[] = personas.map((persona, i) => ({
          personaId: persona.id,
          score: cosineSimilarity(promptVector, vectors[i]!),
        }))
        return rankByScore(scores, minScore, minMargin)
      }, signal)
    },
  }
}

/** An embedding context for inputs of up to `limit` tokens, evaluated in one batch. */
function createContext(loaded: LoadedModel, limit: number): Promise<LlamaEmbeddingContext> {
  return loaded.model.createEmbeddingContext({
    contextSize: limit + RESERVED_TOKENS,
    batchSize: limit + RESERVED_TOKENS,
    threads: loaded.threads,
  })
}

function tokenLimit(loaded: LoadedModel, maxTokens: number): number {
  return Math.max(
    1,
    Math.min(Math.floor(maxTokens), loaded.model.trainContextSize - RESERVED_TOKENS),
  )
}
