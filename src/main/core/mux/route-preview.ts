import type { Decision } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { CatchAll, Rule } from '../../../shared/schemas.ts'
import type { CompiledWorkspace } from '../routing/compile-rules.ts'
import { parseInbound, type InboundRequest } from './inbound.ts'
import { resolveDecision, WORKSPACE_HEADER, type DecisionDeps } from './resolve-decision.ts'

/** Rules not saved yet: the editor asks where a request would go with them. */
export interface RuleDraft {
  rules: Rule[]
  catchAll: CatchAll | null
  holdDecisionForTurn?: boolean
}

/** The decision a request would get, without calling any provider. */
export function createRoutePreview(deps: DecisionDeps) {
  return (input: {
    body: Record<string, unknown>
    route: InboundRequest['route']
    workspace?: string
    draft?: RuleDraft
  }): Promise<Decision> => {
    const inbound = parseInbound(input.route, input.body)
    if (!input.draft) {
      return resolveDecision(
        inbound,
        input.workspace ? { [WORKSPACE_HEADER]: input.workspace } : {},
        deps,
      )
    }
    const draft = compileDraft(deps, input.workspace, input.draft)
    const isDraft = (name: string) => name.toLowerCase() === draft.name.toLowerCase()
    return resolveDecision(
      inbound,
      { [WORKSPACE_HEADER]: draft.name },
      {
        ...deps,
        rules: {
          ...deps.rules,
          byName: (name) => (isDraft(name) ? draft : deps.rules.byName(name)),
          active: () => (isDraft(deps.rules.active().name) ? draft : deps.rules.active()),
        },
        // A held turn was decided by the saved rules; the draft decides afresh and keeps nothing.
        turns: { recall: () => undefined, remember: () => {} },
      },
    )
  }
}

/** The named (or active) workspace with the draft's rules in place of its saved ones. */
function compileDraft(
  deps: DecisionDeps,
  workspace: string | undefined,
  draft: RuleDraft,
): CompiledWorkspace {
  const saved = workspace ? deps.rules.byName(workspace) : deps.rules.active()
  if (!saved) {
    throw new SwitchboardError('not_found', `No workspace named "${workspace}".`, {
      param: 'workspace',
    })
  }
  const now = new Date().toISOString()
  return deps.rules.compileDraft({
    id: saved.id,
    name: saved.name,
    rules: draft.rules.map((r, i) => ({ ...r, id: r.id ?? `draft-${i + 1}` })),
    catchAll: draft.catchAll,
    holdDecisionForTurn: draft.holdDecisionForTurn ?? saved.holdDecisionForTurn,
    createdAt: now,
    updatedAt: now,
  })
}
