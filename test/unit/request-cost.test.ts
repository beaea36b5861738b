import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createCostCalculator } from '../../src/main/core/activity/cost.ts'
import {
  createTableLookup,
  loadModelFactsTable,
} from '../../src/main/core/providers/model-facts.ts'
import type { PriceOverride } from '../../src/shared/schemas.ts'

const table = createTableLookup(
  loadModelFactsTable(
    join(fileURLToPath(new URL('../../resources', import.meta.url)), 'model-facts.json'),
  ),
)
const kinds: Record<string, 'openai' | 'anthropic' | 'ollama' | 'vllm' | 'openrouter'> = {
  oai: 'openai',
  claude: 'anthropic',
  local: 'ollama',
  gpu: 'vllm',
  router: 'openrouter',
}
let overrides: PriceOverride[] = []
const costOf = createCostCalculator({
  providerKind: (id) => kinds[id],
  tablePrice: (model) => table(model)?.price ?? null,
  overrides: () => overrides,
})
const usage = { input: 1_000_000, output: 1_000_000, cacheRead: 0 }

describe('the cost of a request', () => {
  it('prices tokens at the table price, cache reads at their own rate', () => {
    expect(costOf({ provider: 'claude', model: 'claude-sonnet-4-5-20250929' }, usage)).toBe(18)
    expect(
      costOf(
        { provider: 'claude', model: 'claude-sonnet-4-5' },
        { input: 1_000_000, output: 0, cacheRead: 1_000_000 },
      ),
    ).toBeCloseTo(0.3, 10)
    expect(costOf({ provider: 'oai', model: 'gpt-4o-mini-2024-07-18' }, usage)).toBeCloseTo(0.75)
    expect(costOf({ provider: 'router', model: 'openai/gpt-4o' }, usage)).toBeCloseTo(12.5)
  })

  it('keeps family members apart when their prices differ', () => {
    expect(costOf({ provider: 'claude', model: 'claude-haiku-4-5' }, usage)).toBe(6)
    expect(costOf({ provider: 'claude', model: 'claude-opus-4-5' }, usage)).toBe(30)
    expect(costOf({ provider: 'oai', model: 'gpt-5-mini' }, usage)).toBeCloseTo(2.25)
    // A model in a family the table prices only in part: unknown rather than guessed.
    expect(costOf({ provider: 'oai', model: 'gpt-5-pro' }, usage)).toBeNull()
  })

  it('is 0 on local providers, and unknown for an unlisted model or missing usage', () => {
    expect(costOf({ provider: 'local', model: 'qwen2.5-coder:7b' }, usage)).toBe(0)
    expect(costOf({ provider: 'gpu', model: 'gpt-4o' }, usage)).toBe(0)
    expect(costOf({ provider: 'local', model: 'x' }, null)).toBe(0)
    expect(costOf({ provider: 'oai', model: 'my-finetune' }, usage)).toBeNull()
    expect(costOf({ provider: 'oai', model: 'gpt-4o' }, null)).toBeNull()
    expect(costOf(null, usage)).toBeNull()
  })

  it('lets a price override win, per provider and model glob', () => {
    overrides = [
      { provider: 'oai', model: 'gpt-4o*', price: { input: 1, output: 2, cacheRead: 0.5 } },
      { provider: 'gpu', model: '*', price: { input: 0.1, output: 0.1, cacheRead: 0.1 } },
    ]
    try {
      expect(costOf({ provider: 'oai', model: 'gpt-4o-mini' }, usage)).toBe(3)
      expect(costOf({ provider: 'gpu', model: 'anything' }, usage)).toBeCloseTo(0.2)
      expect(costOf({ provider: 'claude', model: 'gpt-4o' }, usage)).toBeCloseTo(12.5)
    } finally {
      overrides = []
    }
  })
})
