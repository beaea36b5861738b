import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../../src/main/core/db/connection.ts'
import { createLearnedLimitRepo } from '../../src/main/core/db/learned-limit-repo.ts'
import { createProviderRepo } from '../../src/main/core/db/provider-repo.ts'
import {
  createModelFacts,
  createTableLookup,
  loadModelFactsTable,
  type LearnedLimitStore,
} from '../../src/main/core/providers/model-facts.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'
import { providerRecord } from '../helpers/provider-record.ts'

const shipped = loadModelFactsTable(
  join(fileURLToPath(new URL('../../resources', import.meta.url)), 'model-facts.json'),
)
const lookup = createTableLookup(shipped)
const limits = (model: string) => {
  const row = lookup(model)
  return row && [row.contextWindow, row.maxOutputTokens]
}

describe('the table of published model limits', () => {
  it('matches dated variants and aliases to their family', () => {
    expect(limits('claude-sonnet-4-5-20250929')).toEqual([200_000, 64_000])
    expect(limits('claude-sonnet-4-20250514')).toEqual([200_000, 64_000])
    expect(limits('claude-opus-4-1-20250805')).toEqual([200_000, 32_000])
    expect(limits('claude-opus-4-20250514')).toEqual([200_000, 32_000])
    expect(limits('claude-3-5-haiku-latest')).toEqual([200_000, 8_192])
    expect(limits('gpt-4o-2024-08-06')).toEqual([128_000, 16_384])
    expect(limits('gpt-4.1-mini-2025-04-14')).toEqual([1_047_576, 32_768])
    expect(limits('o3-mini-2025-01-31')).toEqual([200_000, 100_000])
    expect(limits('gpt-5-mini')).toEqual([400_000, 128_000])
    expect(limits('deepseek-reasoner')).toEqual([128_000, 65_536])
  })

  it('puts a specific id before its family', () => {
    expect(limits('gpt-4o-2024-05-13')).toEqual([128_000, 4_096])
    expect(limits('gpt-5-chat-latest')).toEqual([128_000, 16_384])
    expect(limits('o1-mini')).toEqual([128_000, 65_536])
    expect(limits('claude-opus-4-6')).toEqual([200_000, 128_000])
  })

  it('reads vendor-prefixed ids (OpenRouter) and local tags (Ollama)', () => {
    expect(limits('openai/gpt-4o')).toEqual([128_000, 16_384])
    expect(limits('qwen2.5-coder:7b')).toEqual([32_768, null])
    expect(limits('llama3.1:8b')).toEqual([131_072, null])
    expect(limits('GPT-4o')).toEqual([128_000, 16_384])
  })

  it('knows nothing about a model it does not list', () => {
    expect(lookup('my-finetune-v2')).toBeNull()
    expect(lookup('gpt-4o-but-not')).not.toBeNull() // a family glob: a sibling id still matches
    expect(lookup('xgpt-4o')).toBeNull() // globs are anchored
  })
})

const record = providerRecord
const memoryStore = (): LearnedLimitStore => ({ list: () => [], save: () => {} })

describe('limitsFor', () => {
  it('prefers what the provider publishes, then the table, field by field', () => {
    const provider = record({ models: [{ id: 'gpt-4o', contextLength: 64_000 }] })
    const facts = createModelFacts({
      table: shipped,
      provider: () => provider,
      store: memoryStore(),
    })
    expect(facts.limitsFor('p', 'gpt-4o')).toEqual({
      contextWindow: 64_000,
      maxOutputTokens: 16_384,
      source: { contextWindow: 'provider', maxOutputTokens: 'table' },
    })
    expect(facts.limitsFor('p', 'unknown-model')).toEqual({
      contextWindow: null,
      maxOutputTokens: null,
      source: { contextWindow: null, maxOutputTokens: null },
    })
  })

  it('lets a stricter limit learned from a refusal win over the list and the table', () => {
    const provider = record({ models: [{ id: 'm', maxOutputTokens: 32_000 }] })
    const facts = createModelFacts({
      table: shipped,
      provider: () => provider,
      store: memoryStore(),
    })
    facts.learn('p', 'm', { maxOutputTokens: 8_192 })
    facts.learn('p', 'gpt-4o', { maxOutputTokens: 4_096 })
    expect(facts.limitsFor('p', 'm').maxOutputTokens).toBe(8_192)
    expect(facts.limitsFor('p', 'gpt-4o')).toMatchObject({
      maxOutputTokens: 4_096,
      source: { maxOutputTokens: 'learned' },
    })
  })

  it('asks an Ollama provider about a model once, in the background', async () => {
    const provider = record({ kind: 'ollama', models: [{ id: 'qwen2.5-coder:7b' }] })
    let calls = 0
    const facts = createModelFacts({
      table: shipped,
      provider: () => provider,
      store: memoryStore(),
      probe: async () => {
        calls++
        return { contextWindow: 8_192 }
      },
    })
    // The first ask goes on with the table; the answer is there for the next one.
    expect(facts.limitsFor('p', 'qwen2.5-coder:7b').contextWindow).toBe(32_768)
    await new Promise((r) => setImmediate(r))
    expect(facts.limitsFor('p', 'qwen2.5-coder:7b')).toMatchObject({
      contextWindow: 8_192,
      source: { contextWindow: 'provider' },
    })
    facts.limitsFor('p', 'qwen2.5-coder:7b')
    expect(calls).toBe(1)
  })
})

describe('learned limits on disk', () => {
  let cleanup = () => {}
  afterEach(() => cleanup())

  it('survive a restart and go with their provider', async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    const db = openDatabase(temp.dir)
    const providers = createProviderRepo(db)
    providers.insert({
      id: 'oai',
      name: 'OpenAI',
      kind: 'openai',
      endpoint: 'https://api.openai.com/v1',
      description: '',
      auth: 'none',
      sealedApiKey: null,
      apiKeyHint: null,
    })
    const store = createLearnedLimitRepo(db)
    const provider = () => record({ id: 'oai' })
    createModelFacts({ table: shipped, provider, store }).learn('oai', 'my-model', {
      maxOutputTokens: 16_384,
    })
    await new Promise((r) => setImmediate(r))
    const again = createModelFacts({ table: shipped, provider, store })
    expect(again.limitsFor('oai', 'my-model').maxOutputTokens).toBe(16_384)
    providers.delete('oai')
    expect(store.list()).toEqual([])
    db.close()
  })
})
