// The embedding engine: cosine similarity between the prompt's vector and each persona's vector.
import { createHash } from 'node:crypto'
import type { LlamaEmbedding, LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp'
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
  /**
   * The most tokens the model reads per ask, counting the ones it adds around it ([CLS] and [SEP]
   * for BERT), as sentence-transformers counts max_seq_length; the model's window caps it.
   */
  maxTokens: number
  /** Cache identity of the model; defaults to the loaded file's path, size and mtime. */
  modelId?: string
}

// The input must stay below the context size: a little room past the budget.
const RESERVED_TOKENS = 4
// llama.cpp's flash attention, which node-llama-cpp turns on for every context of a model, works in
// tiles of 64 query rows; a shorter input goes row by row, 2-3x slower than plain attention
// (bench:classify, 50-token asks), while from 64 rows on the tiles beat plain attention.
const FLASH_ATTENTION_MIN_TOKENS = 64
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

/**
 * The start of `text` that fills `budget` tokens of model input together with the tokens the model
 * adds around it (node-llama-cpp adds them when it embeds).
 */
export function budgetedTokens(
  context: LlamaEmbeddingContext,
  text: string,
  budget: number,
): Token[] {
  const added = context.calculateInputLength([])
  return headTokens(context.model, text, Math.max(1, budget - added))
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

  // The ask's contexts stay warm: created once per model and budget, reused by every request. A
  // short ask goes to a second handle on the same file with flash attention off; the file is
  // mapped once, so its weights are not read twice.
  const askContext = (loaded: LoadedModel, limit: number) =>
    loaded.resource(
      'embedding',
      () => createContext(loaded.model, loaded.threads, limit),
      String(limit),
    )
  const shortAskContext = async (loaded: LoadedModel, limit: number) =>
    (
      await loaded.resource(
        'embedding-short',
        () => contextWithoutFlashAttention(loaded, limit),
        String(limit),
      )
    ).context

  const embed = async (
    context: LlamaEmbeddingContext,
    text: string,
    budget: number,
  ): Promise<Float32Array> => {
    return vectorOf(await context.getEmbeddingFor(budgetedTokens(context, text, budget)))
  }

  /** The ask's vector: the start of the ask, in the context that is faster for its length. */
  const embedAsk = async (loaded: LoadedModel, text: string, limit: number) => {
    const context = await askContext(loaded, limit)
    const tokens = budgetedTokens(context, text, limit)
    const short = context.calculateInputLength(tokens) < FLASH_ATTENTION_MIN_TOKENS
    const chosen = short ? await shortAskContext(loaded, limit) : context
    return vectorOf(await chosen.getEmbeddingFor(tokens))
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
    const context = await createContext(loaded.model, loaded.threads, limit)
    const embedText = async (text: string) => {
      const hash = createHash('sha256').update(text).digest('hex')
      let vector = cache.get(hash, modelId)
      if (!vector) {
        signal?.throwIfAborted()
        // A persona text reads name first: keep the start when it is too long.
        vector = await embed(context, text, limit)
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
        const promptVector = await embedAsk(loaded, text, limit)
        const scores: PersonaScore[] = personas.map((persona, i) => ({
          personaId: persona.id,
          score: cosineSimilarity(promptVector, vectors[i]!),
        }))
        return rankByScore(scores, minScore, minMargin)
      }, signal)
    },
  }
}

const vectorOf = (embedding: LlamaEmbedding): Float32Array => Float32Array.from(embedding.vector)

/** An embedding context for inputs of up to `limit` tokens, evaluated in one batch. */
function createContext(
  model: LlamaModel,
  threads: number,
  limit: number,
): Promise<LlamaEmbeddingContext> {
  return model.createEmbeddingContext({
    contextSize: limit + RESERVED_TOKENS,
    batchSize: limit + RESERVED_TOKENS,
    threads,
  })
}

/** A context as `createContext`'s, on a second handle of the loaded file, flash attention off. */
async function contextWithoutFlashAttention(loaded: LoadedModel, limit: number) {
  const model = await loaded.llama.loadModel({
    modelPath: loaded.path,
    gpuLayers: 0,
    defaultContextFlashAttention: false,
  })
  try {
    const context = await createContext(model, loaded.threads, limit)
    return {
      context,
      dispose: async () => {
        await context.dispose()
        await model.dispose()
      },
    }
  } catch (error) {
    await model.dispose()
    throw error
  }
}

function tokenLimit(loaded: LoadedModel, maxTokens: number): number {
  return Math.max(
    1,
    Math.min(Math.floor(maxTokens), loaded.model.trainContextSize - RESERVED_TOKENS),
  )
}
