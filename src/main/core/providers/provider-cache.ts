import type { ProviderRecord, ProviderRepo } from '../db/provider-repo.ts'
import type { EventBus } from '../events.ts'
import type { Secrets } from '../secrets/secrets.ts'

/** Providers and their decrypted keys in memory for the hot path; dropped whenever providers change. */
export function createProviderCache(repo: ProviderRepo, secrets: Secrets, events: EventBus) {
  let byId: Map<string, { record: ProviderRecord; apiKey: string | null }> | null = null
  events.onAny((event) => {
    if (event === 'providersChanged') byId = null
  })
  function load() {
    byId ??= new Map(
      repo.list().map((record) => [
        record.id,
        {
          record,
          apiKey:
            record.auth === 'api_key' && record.sealedApiKey
              ? secrets.decrypt(record.sealedApiKey)
              : null,
        },
      ]),
    )
    return byId
  }
  return {
    get: (id: string): ProviderRecord | undefined => load().get(id)?.record,
    apiKey: (record: ProviderRecord): string | null => load().get(record.id)?.apiKey ?? null,
    list: (): ProviderRecord[] => [...load().values()].map((v) => v.record),
  }
}
