import type { ModelPrice, PriceOverride, Target } from '../../../shared/schemas.ts'
import type { ProviderKind } from '../../../shared/provider-kinds.ts'
import { globToRegExp } from '../providers/model-facts.ts'
import type { Usage } from '../mux/relay-json.ts'

/** Provider kinds that run on the user's own hardware: their tokens cost nothing. */
const LOCAL_KINDS: ReadonlySet<ProviderKind> = new Set(['ollama', 'llamacpp', 'lmstudio', 'vllm'])

export interface CostDeps {
  /** The kind of a configured provider, or undefined when it is gone. */
  providerKind(id: string): ProviderKind | undefined
  /** The published price of a model (the model facts table), or null. */
  tablePrice(model: string): ModelPrice | null
  /** The current price overrides (a setting); the first matching entry wins. */
  overrides(): PriceOverride[]
}

/** USD for `usage` at `price`: cache reads at their own rate, the rest of the prompt at the input rate. */
export function priceUsage(price: ModelPrice, usage: Usage): number {
  const cacheRead = Math.min(usage.cacheRead ?? 0, usage.input)
  const usd =
    (usage.input - cacheRead) * price.input +
    cacheRead * price.cacheRead +
    usage.output * price.output
  return usd / 1_000_000
}

/** A local model's price: its tokens cost nothing. */
const FREE: ModelPrice = { input: 0, output: 0, cacheRead: 0 }

/**
 * The price of a target in USD per million tokens: a price override, free for a local provider, or
 * the table's; null when unknown.
 */
export function createPriceLookup(deps: CostDeps) {
  // Overrides are compiled once per settings object (a new array whenever settings change).
  let compiled: {
    source: PriceOverride[]
    rules: { rule: PriceOverride; model: RegExp }[]
  } | null = null
  function override(target: Target): ModelPrice | null {
    const source = deps.overrides()
    if (source.length === 0) return null
    if (compiled?.source !== source)
      compiled = {
        source,
        rules: source.map((rule) => ({ rule, model: globToRegExp(rule.model) })),
      }
    const hit = compiled.rules.find(
      (r) => r.rule.provider === target.provider && r.model.test(target.model),
    )
    return hit?.rule.price ?? null
  }

  return function priceOf(target: Target): ModelPrice | null {
    const overridden = override(target)
    if (overridden) return overridden
    const kind = deps.providerKind(target.provider)
    if (kind && LOCAL_KINDS.has(kind)) return FREE
    return deps.tablePrice(target.model)
  }
}

export type PriceOf = ReturnType<typeof createPriceLookup>

/** Whether tokens at this price cost anything. */
export const isPaid = (price: ModelPrice | null): boolean =>
  price !== null && (price.input > 0 || price.output > 0 || price.cacheRead > 0)

/**
 * The cost calculator: `costOf(target, usage)` is a request's cost in USD, from a price override, a
 * local provider (free), or the table; null when the price or the usage is unknown.
 */
export function createCostCalculator(deps: CostDeps, priceOf: PriceOf = createPriceLookup(deps)) {
  return function costOf(target: Target | null, usage: Usage | null): number | null {
    if (!target) return null
    const price = priceOf(target)
    // A local model costs nothing even when its server reported no usage.
    if (price === FREE) return 0
    return price && usage ? priceUsage(price, usage) : null
  }
}

export type CostOf = ReturnType<typeof createCostCalculator>
