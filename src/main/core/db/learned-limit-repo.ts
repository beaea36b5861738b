import type { KnownLimits, LearnedLimitStore } from '../providers/model-facts.ts'
import type { Db } from './connection.ts'

interface LearnedLimitRow {
  provider_id: string
  model: string
  context_window: number | null
  max_output_tokens: number | null
}

/** Model limits learned from upstream refusals, per provider and model. */
export function createLearnedLimitRepo(db: Db): LearnedLimitStore {
  const selectAll = db.prepare<[], LearnedLimitRow>('SELECT * FROM learned_model_limits')
  const upsert = db.prepare(
    `INSERT INTO learned_model_limits (provider_id, model, context_window, max_output_tokens, learned_at)
     SELECT @providerId, @model, @contextWindow, @maxOutputTokens, @now
     WHERE EXISTS (SELECT 1 FROM providers WHERE id = @providerId)
     ON CONFLICT (provider_id, model) DO UPDATE SET context_window = excluded.context_window,
       max_output_tokens = excluded.max_output_tokens, learned_at = excluded.learned_at`,
  )
  return {
    list: () =>
      selectAll.all().map((row) => {
        const limits: KnownLimits = {}
        if (row.context_window !== null) limits.contextWindow = row.context_window
        if (row.max_output_tokens !== null) limits.maxOutputTokens = row.max_output_tokens
        return { providerId: row.provider_id, model: row.model, limits }
      }),
    save: (providerId, model, limits) =>
      void upsert.run({
        providerId,
        model,
        contextWindow: limits.contextWindow ?? null,
        maxOutputTokens: limits.maxOutputTokens ?? null,
        now: new Date().toISOString(),
      }),
  }
}
