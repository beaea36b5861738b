import type { ProviderRecord } from '../../src/main/core/db/provider-repo.ts'
import { providerFixture } from './provider-fixture.ts'

/** A stored provider as the core reads it: an OpenAI one without a key, with `over` applied. */
export function providerRecord(over: Partial<ProviderRecord> = {}): ProviderRecord {
  return { sealedApiKey: null, ...providerFixture(over) }
}
