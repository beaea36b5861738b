import type { Decision } from '../../../shared/activity.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import type { CompiledWorkspace } from '../routing/compile-rules.ts'
import type { RuleCache } from '../routing/rule-cache.ts'
import { turnPosition } from '../routing/turn-position.ts'
import type { TurnMemory } from '../routing/turn-store.ts'
import type { InboundRequest } from './inbound.ts'

export interface TurnDeps {
  turns: TurnMemory
  rules: Pick<RuleCache, 'version'>
  provider(id: string): ProviderRecord | undefined
}

/** A request's place in its turn: recall the turn's decision, or remember a new one for it. */
export interface TurnHold {
  /** The decision of the turn this request continues, while its rules and target still exist. */
  recall(): Decision | undefined
  /** Keeps a fresh decision for the turn's continuations; returns it marked as a new turn. */
  remember(decision: Decision): Decision
}

/**
 * The turn of a chat request when `workspace` holds decisions for a turn; null for completions,
 * requests without a human message, or a workspace with the setting off. The key's scope holds
 * the workspace and the requested model, so background requests of the same conversation on
 * another model (Claude Code's title generation on haiku) neither reuse nor replace the turn.
 */
export function holdTurn(
  inbound: InboundRequest,
  workspace: CompiledWorkspace | null,
  deps: TurnDeps,
): TurnHold | null {
  if (!workspace?.holdDecisionForTurn || inbound.route === 'completions') return null
  const chat = inbound.route === 'chat' ? inbound.body : inbound.canonical
  const position = turnPosition(chat, `${workspace.id}\u0000${inbound.model}`)
  if (!position) return null
  const rulesVersion = deps.rules.version()
  return {
    recall() {
      if (!position.continued) return undefined
      const held = deps.turns.recall(position.key)
      // Rules edited or the target's provider deleted since: the turn is decided afresh.
      if (!held || held.rulesVersion !== rulesVersion) return undefined
      if (!deps.provider(held.decision.target.provider)) return undefined
      return {
        ...held.decision,
        fallbacks: held.decision.fallbacks.filter((t) => deps.provider(t.provider)),
        turn: { continued: true, decidedAt: held.decidedAt },
      }
    },
    remember(decision) {
      const decidedAt = new Date().toISOString()
      deps.turns.remember(position.key, { decision, decidedAt, rulesVersion })
      return { ...decision, turn: { continued: false, decidedAt } }
    },
  }
}
