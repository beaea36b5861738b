import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ModelPrice } from '../../../shared/schemas.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'

// Model limits come from three places, best first: what the provider publishes about its own models
// (discovery), what an upstream said when it refused a request (learned from a 400), and the table of
// well-known hosted models in resources/model-facts.json. This module is the one place that reads them.

const tokens = z.number().int().positive()

export const ModelFactsEntry = z.object({
  /** Model ids or globs (`*`, `?`), matched case-insensitively; the first matching entry wins. */
  match: z.array(z.string().min(1)).min(1),
  contextWindow: tokens.nullable(),
  maxOutputTokens: tokens.nullable(),
  /** Where the numbers were published. */
  docs: z.string().url().optional(),
  /** Published list price in USD per million tokens; absent when not known. */
  price: ModelPrice.optional(),
  /** Where the price was published. */
  priceDocs: z.string().url().optional(),
})
export type ModelFactsEntry = z.infer<typeof ModelFactsEntry>

export const ModelFactsTable = z.object({
  version: z.literal(1),
  about: z.string().optional(),
  models: z.array(ModelFactsEntry),
})
export type ModelFactsTable = z.infer<typeof ModelFactsTable>

/** Where a limit came from. */
export type LimitSource = 'provider' | 'learned' | 'table'

export interface ModelLimits {
  contextWindow: number | null
  maxOutputTokens: number | null
  /** Per field, which source answered (null when none knows it). */
  source: { contextWindow: LimitSource | null; maxOutputTokens: LimitSource | null }
}

/** A partial set of limits, as a provider or an upstream's error states them. */
export interface KnownLimits {
  contextWindow?: number
  maxOutputTokens?: number
}

/** Reads and validates the model facts file; throws an Error naming the bad field. */
export function loadModelFactsTable(file: string): ModelFactsTable {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(
      `Could not read the model facts ${file}: ${(err as Error).message}. Reinstall the app or fix the file.`,
      { cause: err },
    )
  }
  const parsed = ModelFactsTable.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(
      `The model facts ${file} are invalid at ${issue?.path.join('.') || '(top level)'}: ${issue?.message}. Fix the file or reinstall the app.`,
    )
  }
  return parsed.data
}

/** A `*`/`?` glob as an anchored, case-insensitive RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, 'i')
}

/** Looks models up in the table: the whole id, then the part after the last `/`. */
export function createTableLookup(table: ModelFactsTable) {
  const compiled = table.models.map((entry) => ({ entry, patterns: entry.match.map(globToRegExp) }))
  const cache = new Map<string, ModelFactsEntry | null>()
  const find = (id: string) => compiled.find((c) => c.patterns.some((p) => p.test(id)))?.entry
  return (model: string): ModelFactsEntry | null => {
    let hit = cache.get(model)
    if (hit === undefined) {
      const tail = model.slice(model.lastIndexOf('/') + 1)
      hit = find(model) ?? (tail !== model ? find(tail) : undefined) ?? null
      // Model names come from clients; the cache stays bounded.
      if (cache.size >= 1000) cache.clear()
      cache.set(model, hit)
    }
    return hit
  }
}

/** Where limits learned at run time are kept across restarts. */
export interface LearnedLimitStore {
  list(): { providerId: string; model: string; limits: KnownLimits }[]
  save(providerId: string, model: string, limits: KnownLimits): void
}

export interface ModelFactsDeps {
  table: ModelFactsTable
  provider(id: string): ProviderRecord | undefined
  store: LearnedLimitStore
  /**
   * Asks a provider about one model when its list does not say (Ollama's `/api/show`). Called at most
   * once per provider and model, in the background: the request that triggers it goes on without.
   */
  probe?(provider: ProviderRecord, model: string): Promise<KnownLimits | null>
}

/** The model limits service: `limitsFor` on the hot path, `learn` when an upstream states a limit. */
export function createModelFacts(deps: ModelFactsDeps) {
  const lookup = createTableLookup(deps.table)
  const key = (providerId: string, model: string) => `${providerId}\u0000${model}`
  const learned = new Map<string, KnownLimits>()
  for (const row of deps.store.list()) learned.set(key(row.providerId, row.model), row.limits)
  const probed = new Map<string, KnownLimits>()
  const probing = new Set<string>()
  // The provider cache hands out a new record whenever providers change, so this index follows it.
  const indexes = new WeakMap<ProviderRecord, Map<string, KnownLimits>>()

  function published(provider: ProviderRecord, model: string): KnownLimits | undefined {
    let index = indexes.get(provider)
    if (!index) {
      index = new Map(
        provider.models
          .filter((m) => m.contextLength !== undefined || m.maxOutputTokens !== undefined)
          .map((m) => [
            m.id,
            { contextWindow: m.contextLength, maxOutputTokens: m.maxOutputTokens },
          ]),
      )
      indexes.set(provider, index)
    }
    return index.get(model) ?? probed.get(key(provider.id, model))
  }

  function startProbe(provider: ProviderRecord, model: string): void {
    const k = key(provider.id, model)
    if (!deps.probe || probing.has(k) || probing.size >= 1000) return
    probing.add(k)
    deps
      .probe(provider, model)
      .then((limits) => {
        if (limits) probed.set(k, limits)
      })
      .catch(() => {
        // Limits are a refinement; the request path never depends on the lookup succeeding.
      })
  }

  return {
    /** The limits known for a target, each field from the best source that knows it. */
    limitsFor(providerId: string, model: string): ModelLimits {
      const provider = deps.provider(providerId)
      const fromProvider = provider && published(provider, model)
      if (provider && !fromProvider) startProbe(provider, model)
      const fromError = learned.get(key(providerId, model))
      const fromTable = lookup(model)
      const pick = (field: keyof KnownLimits): [number | null, LimitSource | null] => {
        const stated = fromProvider?.[field]
        const refused = fromError?.[field]
        // An upstream's refusal is the latest word: it wins when it is stricter than the list.
        if (refused !== undefined && (stated === undefined || refused < stated))
          return [refused, 'learned']
        if (stated !== undefined) return [stated, 'provider']
        const row = fromTable?.[field]
        return row != null ? [row, 'table'] : [null, null]
      }
      const [contextWindow, contextSource] = pick('contextWindow')
      const [maxOutputTokens, outputSource] = pick('maxOutputTokens')
      return {
        contextWindow,
        maxOutputTokens,
        source: { contextWindow: contextSource, maxOutputTokens: outputSource },
      }
    },
    /** Remembers limits an upstream stated (in memory at once, on disk after the response). */
    learn(providerId: string, model: string, limits: KnownLimits): void {
      const k = key(providerId, model)
      const merged = { ...learned.get(k), ...limits }
      learned.set(k, merged)
      setImmediate(() => {
        try {
          deps.store.save(providerId, model, merged)
        } catch (err) {
          console.error('switchboard: could not store a learned model limit', err)
        }
      })
    },
  }
}

export type ModelFacts = ReturnType<typeof createModelFacts>
