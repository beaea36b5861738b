import type { ProviderRecord } from '../../src/main/core/db/provider-repo.ts'

/** A stored provider as the core reads it: an OpenAI one without a key, with `over` applied. */
export function providerRecord(over: Partial<ProviderRecord> = {}): ProviderRecord {
  return {
    id: 'p',
    name: 'P',
    kind: 'openai',
    endpoint: 'http://127.0.0.1:1/v1',
    description: '',
    auth: 'none',
    apiKeyHint: null,
    status: 'ok',
    statusError: null,
    checkedAt: null,
    models: [],
    modelsRefreshedAt: null,
    createdAt: '',
    updatedAt: '',
    sealedApiKey: null,
    ...over,
  }
}
