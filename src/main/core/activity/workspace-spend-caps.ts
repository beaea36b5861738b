import type { RequestLogEntry } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { Target } from '../../../shared/schemas.ts'
import { usd } from '../keys/member-keys.ts'
import { nextUtcMidnight } from '../keys/utc-day.ts'
import type { RequestLog } from './request-log.ts'
import { isPaid, type PriceOf } from './cost.ts'
import { createDailySpend } from './daily-spend.ts'

export interface WorkspaceSpendCapDeps {
  log: Pick<RequestLog, 'spendByWorkspace'>
  /** A workspace's daily cap in USD, or null when it has none. */
  capOf(workspace: string): number | null
  priceOf: PriceOf
  now?: () => Date
}

/** Why a paid target was skipped, and the answer to give when no free target remains. */
export interface SpendCapSkip {
  note: string
  refusal(): SwitchboardError
}

/**
 * Workspace daily spend caps: today's spend per workspace (UTC) is read from the log once and kept
 * current from its batches, so checking a target on the hot path is two map lookups.
 */
export function createWorkspaceSpendCaps(deps: WorkspaceSpendCapDeps) {
  const now = deps.now ?? (() => new Date())
  const spent = createDailySpend((day) => deps.log.spendByWorkspace(day), now)

  return {
    /** Adds a logged request's cost to its workspace's spend today. */
    record(entry: Pick<RequestLogEntry, 'workspace' | 'costUsd' | 'at'>): void {
      if (entry.workspace && entry.costUsd) spent.add(entry.workspace, entry.costUsd, entry.at)
    },

    /** Today's spend of a workspace in USD (UTC day). */
    spentToday: (workspace: string): number => spent.today(workspace),

    /** Null when `target` may be used; else why it is skipped: it is paid and the cap is reached. */
    check(workspace: string, target: Target): SpendCapSkip | null {
      const cap = deps.capOf(workspace)
      if (cap === null) return null
      const today = spent.today(workspace)
      if (today < cap || !isPaid(deps.priceOf(target))) return null
      const resetsAt = nextUtcMidnight(now())
      return {
        note: `skipped: workspace daily cap ${usd(cap)} reached`,
        refusal: () =>
          new SwitchboardError(
            'rate_limited',
            `Workspace "${workspace}" reached its daily spend cap of ${usd(cap)} (${usd(today)} spent today, UTC) and no free or local target is left for this request. The cap resets at ${resetsAt} (midnight UTC); raise it on the workspace page, or add a local fallback.`,
            {
              details: {
                cap: 'dailySpendCapUsd',
                workspace,
                capUsd: cap,
                spentUsd: today,
                resetsAt,
              },
            },
          ),
      }
    },
  }
}

export type WorkspaceSpendCaps = ReturnType<typeof createWorkspaceSpendCaps>
