import type { Decision } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { CompiledWorkspace, RoutingContext } from './compile-rules.ts'

/** Rules top-down, first match wins, then the catch-all; a missing catch-all is a clear 422. */
export function decideByRules(
  workspace: CompiledWorkspace,
  ctx: RoutingContext,
  startedAt: number,
): Decision {
  for (const rule of workspace.rules) {
    const hit = rule.match(ctx)
    if (!hit) continue
    return {
      workspace: workspace.name,
      via: 'rules',
      rule: { id: rule.id, index: rule.index, kind: rule.kind, label: rule.label },
      target: rule.target,
      fallbacks: rule.fallbacks,
      requestType: ctx.requestType,
      files: ctx.files,
      matchedFile: hit.matchedFile,
      why:
        `rule ${rule.index! + 1}, ${rule.label}, matched` +
        (hit.matchedFile ? ` ${hit.matchedFile}` : ` a ${ctx.requestType} request`),
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
  return {
    workspace: workspace.name,
    via: 'rules',
    rule: { id: 'catch-all', index: null, kind: 'catch-all', label: 'catch-all' },
    target: workspace.catchAll.target,
    fallbacks: workspace.catchAll.fallbacks,
    requestType: ctx.requestType,
    files: ctx.files,
    matchedFile: null,
    why: workspace.rules.length
      ? `no rule matched; catch-all`
      : 'catch-all (the workspace has no other rules)',
    decisionMs: performance.now() - startedAt,
  }
}
