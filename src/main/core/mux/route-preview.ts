import type { Decision } from '../../../shared/activity.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import type { RuleCache } from '../routing/rule-cache.ts'
import { parseInbound } from './inbound.ts'
import { resolveDecision, WORKSPACE_HEADER } from './resolve-decision.ts'

/** The decision a request would get, without calling any provider. */
export function createRoutePreview(deps: {
  rules: RuleCache
  provider: (id: string) => ProviderRecord | undefined
}) {
  return (input: {
    body: Record<string, unknown>
    route: 'chat' | 'completions' | 'messages'
    workspace?: string
  }): Decision => {
    const inbound = parseInbound(input.route, input.body)
    return resolveDecision(
      inbound,
      input.workspace ? { [WORKSPACE_HEADER]: input.workspace } : {},
      deps,
    )
  }
}
