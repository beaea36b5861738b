import type { Provider } from '../../src/shared/schemas.ts'

/** A provider as the contract returns it: an OpenAI one without a key, with `over` applied. */
export function providerFixture(over: Partial<Provider> = {}): Provider {
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
    ...over,
  }
}
