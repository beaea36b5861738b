import type { GroupDecision, GroupTarget } from '../../../shared/groups.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { Target } from '../../../shared/schemas.ts'
import type { StoredGroup } from './group-repo.ts'
import { chooseByHeuristic, compileHeuristicRules } from './heuristic.ts'
import { withTimeout } from '../with-timeout.ts'
import type { Rater } from './raters.ts'

/** What a group strategy reads from a request. */
export interface GroupSignals {
  text: string
  promptChars: number
  files: string[]
}

export interface GroupChoice {
  target: Target
  fallbacks: Target[]
  decision: GroupDecision
}

interface Deps {
  servingProvider(target: GroupTarget): string | null
  /** The rater for a classifier group (local model or its opted-in provider). */
  rater(group: StoredGroup): Rater
  timeoutMs(): number
}

/** Runs a group's strategy and turns the chosen index into a served target plus fallbacks. */
export function createGroupChooser(deps: Deps) {
  const matchers = new Map<string, ReturnType<typeof compileHeuristicRules>>()

  function heuristic(group: StoredGroup, s: GroupSignals) {
    const key = `${group.id}@${group.updatedAt}`
    let compiled = matchers.get(key)
    if (!compiled) {
      compiled = compileHeuristicRules(group.rules)
      matchers.set(key, compiled)
    }
    return chooseByHeuristic(
      s.text,
      s.promptChars,
      s.files,
      group.rules,
      compiled,
      group.targets.length,
    )
  }

  return async function choose(group: StoredGroup, signals: GroupSignals): Promise<GroupChoice> {
    const startedAt = performance.now()
    const n = group.targets.length
    let index: number
    let reason: string
    let rating: number | null = null
    if (group.strategy === 'classifier') {
      const source =
        group.classifier.source === 'provider'
          ? `${group.classifier.target?.provider}/${group.classifier.target?.model}`
          : 'the local model'
      try {
        const rate = deps.rater(group)
        const raw = await withTimeout(
          (signal) => rate(signals.text, n, signal),
          deps.timeoutMs(),
          `no rating within ${deps.timeoutMs()} ms`,
        )
        rating = Math.min(n, Math.max(1, Math.round(raw)))
        index = rating - 1
        reason =
          `rated ${rating} of ${n} by ${source}` +
          (rating !== raw ? ` (answer ${raw} clamped)` : '')
      } catch (err) {
        const h = heuristic(group, signals)
        index = h.index
        reason = `classifier failed (${(err as Error).message}); heuristic: ${h.reason}`
      }
    } else {
      ;({ index, reason } = heuristic(group, signals))
    }

    // Serve the chosen target, or the nearest one a provider serves; the others are fallbacks.
    const order = group.targets
      .map((t, i) => ({ t, i }))
      .sort((a, b) => Math.abs(a.i - index) - Math.abs(b.i - index) || b.i - a.i)
      .flatMap(({ t }) => {
        const provider = deps.servingProvider(t)
        return provider ? [{ provider, model: t.model }] : []
      })
    if (order.length === 0) {
      throw new SwitchboardError(
        'no_route',
        `Model group "${group.id}" needs a provider: none of your providers serves ${group.targets.map((t) => t.model).join(', ')}. Add a provider that does, or edit the group's targets.`,
      )
    }
    const [target, ...fallbacks] = order
    return {
      target: target!,
      fallbacks,
      decision: {
        id: group.id,
        strategy: group.strategy,
        reason,
        rating,
        targetIndex: index,
        ms: performance.now() - startedAt,
      },
    }
  }
}

export type GroupChooser = ReturnType<typeof createGroupChooser>
