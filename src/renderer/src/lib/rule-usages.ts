import type { RuleUsage, Target, Workspace } from '../../../shared/schemas.ts'

/** Where a provider is used in these workspaces' rules and catch-alls (as the core counts them). */
export function providerUsages(workspaces: Workspace[], providerId: string): RuleUsage[] {
  const usages: RuleUsage[] = []
  const check = (ws: string, ruleId: string, kind: string, target: Target, fallbacks: Target[]) => {
    if (target.provider === providerId) usages.push({ workspace: ws, ruleId, kind, as: 'target' })
    else if (fallbacks.some((f) => f.provider === providerId))
      usages.push({ workspace: ws, ruleId, kind, as: 'fallback' })
  }
  for (const w of workspaces) {
    for (const r of w.rules) check(w.name, r.id, r.kind, r.target, r.fallbacks)
    if (w.catchAll) check(w.name, 'catch-all', 'catch-all', w.catchAll.target, w.catchAll.fallbacks)
  }
  return usages
}
