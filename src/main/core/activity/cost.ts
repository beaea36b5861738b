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

/**
 * The cost calculator: `costOf(target, usage)` is a request's cost in USD, from a price override, a
 * local provider (free), or the table; null when the price or the usage is unknown.
 */
export function createCostCalculator(deps: CostDeps) {
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

  return function costOf(target: Target | null, usage: Usage | null): number | null {
    if (!target) return null
    const overridden = override(target)
    if (overridden) return usage ? priceUsage(overridden, usage) : null
    const kind = deps.providerKind(target.provider)
    if (kind && LOCAL_KINDS.has(kind)) return 0
    const price = deps.tablePrice(target.model)
    return price && usage ? priceUsage(price, usage) : null
  }
}

export type CostOf = ReturnType<typeof createCostCalculator>
