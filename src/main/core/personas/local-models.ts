import type { Settings } from '../../../shared/schemas.ts'
import type { ModelManager } from '../models/model-manager.ts'
import { createEmbeddingEngine } from './embedding-engine.ts'
import type { ClassifierEngine, VectorCache } from './engine.ts'
import { createGenerativeEngine, type GenerativeEngine } from './generative-engine.ts'
import { createModelSlot, defaultThreadCount, type ModelSlot } from './llama-runtime.ts'

type ModelEngineName = 'embedding' | 'generative'

interface Deps {
  manager: ModelManager
  settings: () => Settings
  vectors: VectorCache
  threads?: number
}

// The generative engine reads this much of a prompt: the human ask is already trimmed to ~512 tokens.
const MAX_TOKENS = 512

/**
 * Keeps the configured engine's active model loaded (off the request path: the proxy serves with
 * the lexical engine meanwhile) and hands out the model engines once their model is ready.
 */
export function createLocalModels(deps: Deps) {
  const threads = deps.threads ?? defaultThreadCount()
  const slots: Record<ModelEngineName, ModelSlot> = {
    embedding: createModelSlot({ threads }),
    generative: createModelSlot({ threads }),
  }
  const loadedId: Record<ModelEngineName, string | null> = { embedding: null, generative: null }
  let embedding: { key: string; engine: ClassifierEngine } | undefined
  const generative = createGenerativeEngine({ slot: slots.generative, maxTokens: MAX_TOKENS })

  /** Loads the active model of the configured engine, and unloads models no engine needs. */
  async function sync(): Promise<void> {
    const configured = deps.settings().classifierEngine
    for (const name of ['embedding', 'generative'] as const) {
      const active = configured === name ? deps.manager.active(name) : null
      if (!active) {
        if (loadedId[name]) {
          loadedId[name] = null
          await slots[name].dispose()
        }
        continue
      }
      if (loadedId[name] === active.id && slots[name].status().state !== 'error') continue
      loadedId[name] = active.id
      const unsubscribe = slots[name].subscribe((s) => {
        if (s.state === 'loading') deps.manager.setLoading(active.id, s.progress)
      })
      const status = await slots[name].load(active.path)
      unsubscribe()
      deps.manager.setLoading(active.id, null)
      deps.manager.setLoadError(active.id, status.state === 'error' ? status.message : null)
    }
  }

  return {
    sync,
    /** The generative engine with `pick`, for complexity ratings; null while its model is not loaded. */
    generative: (): GenerativeEngine | null =>
      slots.generative.status().state === 'ready' ? generative : null,
    /** The engine for a name, or null while its model is not loaded. */
    engine(name: ModelEngineName): ClassifierEngine | null {
      if (slots[name].status().state !== 'ready') return null
      if (name === 'generative') return generative
      const {
        embeddingMinScore: minScore,
        embeddingMinMargin: minMargin,
        embeddingTokenBudget: maxTokens,
      } = deps.settings()
      // A settings change applies to the next request: the engine is cheap, its context stays warm.
      const key = `${minScore}/${minMargin}/${maxTokens}`
      if (embedding?.key !== key) {
        embedding = {
          key,
          engine: createEmbeddingEngine({
            slot: slots.embedding,
            cache: deps.vectors,
            minScore,
            minMargin,
            maxTokens,
          }),
        }
      }
      return embedding.engine
    },
    status: (name: ModelEngineName) => slots[name].status(),
    async stop(): Promise<void> {
      await Promise.all([slots.embedding.dispose(), slots.generative.dispose()])
    },
  }
}

export type LocalModels = ReturnType<typeof createLocalModels>
