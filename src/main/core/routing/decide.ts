import type { Classification, Decision } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { CompiledWorkspace, RoutingContext } from './compile-rules.ts'

function describeClassification(c: Classification): string {
  if (c.error) return `persona rules skipped: ${c.error}`
  const via = c.source === 'affinity' ? 'kept from earlier in the conversation' : c.engine
  return `score ${c.score}, margin ${c.margin}, ${via}`
}

/** Rules top-down, first match wins, then the catch-all; a missing catch-all is a clear 422. */
export async function decideByRules(
  workspace: CompiledWorkspace,
  ctx: RoutingContext,
  startedAt: number,
  classification: () => Classification | null,
): Promise<Decision> {
  for (const rule of workspace.rules) {
    // Only persona rules answer later; awaiting every other rule cost a microtask turn each.
    const answer = rule.match(ctx)
    const hit = answer instanceof Promise ? await answer : answer
    if (!hit) continue
    const what =
      hit.matchedFile ??
      hit.detail ??
      (hit.classification
        ? `(${describeClassification(hit.classification)})`
        : `a ${ctx.requestType} request`)
    return {
      workspace: workspace.name,
      via: 'rules',
      rule: { id: rule.id, index: rule.index, kind: rule.kind, label: rule.label },
      target: rule.target,
      fallbacks: rule.fallbacks,
      requestType: ctx.requestType,
      files: ctx.files,
      matchedFile: hit.matchedFile,
      classification: classification(),
      group: null,
      turn: null,
      why: `rule ${rule.index! + 1}, ${rule.label}, matched ${what}`,
      decisionMs: performance.now() - startedAt,
    }
  }
  if (!workspace.catchAll) {
    throw new SwitchboardError(
      'no_route',
      `No rule of workspace "${workspace.name}" matched this request and the workspace has no catch-all model. ` +
        `Set one in Switchboard (Workspaces → ${workspace.name} → catch-all) or with PUT /api/v1/workspaces/${encodeURIComponent(workspace.name)}/catch-all.`,
    )
  }
  const c = classification()
  const skipped = c?.error ? ` (${describeClassification(c)})` : ''
  return {
    workspace: workspace.name,
    via: 'rules',
    rule: { id: 'catch-all', index: null, kind: 'catch-all', label: 'catch-all' },
    target: workspace.catchAll.target,
    fallbacks: workspace.catchAll.fallbacks,
    requestType: ctx.requestType,
    files: ctx.files,
    matchedFile: null,
    classification: c,
    group: null,
    turn: null,
    why:
      (workspace.rules.length
        ? 'no rule matched; catch-all'
        : 'catch-all (the workspace has no other rules)') + skipped,
    decisionMs: performance.now() - startedAt,
  }
}
