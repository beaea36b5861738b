import type { Decision } from '../../../shared/activity.ts'
import { parseInbound, type InboundRequest } from './inbound.ts'
import { resolveDecision, WORKSPACE_HEADER, type DecisionDeps } from './resolve-decision.ts'

/** The decision a request would get, without calling any provider. */
export function createRoutePreview(deps: DecisionDeps) {
  return (input: {
    body: Record<string, unknown>
    route: InboundRequest['route']
    workspace?: string
  }): Promise<Decision> => {
    const inbound = parseInbound(input.route, input.body)
    return resolveDecision(
      inbound,
      input.workspace ? { [WORKSPACE_HEADER]: input.workspace } : {},
      deps,
    )
  }
}
