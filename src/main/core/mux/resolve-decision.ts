import type { IncomingHttpHeaders } from 'node:http'
import type { Decision } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import type { RoutingContext } from '../routing/compile-rules.ts'
import { decideByRules } from '../routing/decide.ts'
import { detectRequestType } from '../routing/detect-request-type.ts'
import { extractFileNames } from '../routing/extract-file-names.ts'
import type { RuleCache } from '../routing/rule-cache.ts'
import type { InboundRequest } from './inbound.ts'

export const WORKSPACE_HEADER = 'x-switchboard-workspace'
const WORKSPACE_PREFIX = 'workspace:'

interface Deps {
  rules: RuleCache
  provider: (id: string) => ProviderRecord | undefined
}

/** What the rules read from a request: its type and the files it mentions. */
export function routingContext(inbound: InboundRequest): RoutingContext {
  if (inbound.route === 'completions') {
    return {
      requestType: detectRequestType('completions', inbound.body),
      files: extractFileNames(inbound.body),
    }
  }
  const chat = inbound.route === 'chat' ? inbound.body : inbound.canonical
  return { requestType: detectRequestType('chat', chat), files: extractFileNames(chat) }
}

/**
 * The model name picks the route: `workspace:<name>` (or the header) routes by that workspace,
 * `<provider>/<model>` goes straight there, anything else follows the active workspace's rules.
 */
export function resolveDecision(
  inbound: InboundRequest,
  headers: IncomingHttpHeaders,
  deps: Deps,
): Decision {
  const startedAt = performance.now()
  const ctx = routingContext(inbound)
  const model = inbound.model
  const headerWorkspace = headers[WORKSPACE_HEADER]
  const named =
    typeof headerWorkspace === 'string' && headerWorkspace
      ? headerWorkspace
      : model.startsWith(WORKSPACE_PREFIX)
        ? model.slice(WORKSPACE_PREFIX.length)
        : null
  if (named !== null) {
    const workspace = deps.rules.byName(named)
    if (!workspace) {
      throw new SwitchboardError(
        'not_found',
        `No workspace named "${named}". GET /v1/mux/models lists the workspaces you can route by.`,
        {
          param: 'model',
        },
      )
    }
    return decideByRules(workspace, ctx, startedAt)
  }
  const slash = model.indexOf('/')
  if (slash > 0) {
    const provider = deps.provider(model.slice(0, slash))
    if (provider) {
      return {
        workspace: null,
        via: 'direct',
        rule: null,
        target: { provider: provider.id, model: model.slice(slash + 1) },
        fallbacks: [],
        requestType: ctx.requestType,
        files: ctx.files,
        matchedFile: null,
        why: `the client asked for ${model} by name`,
        decisionMs: performance.now() - startedAt,
      }
    }
  }
  return decideByRules(deps.rules.active(), ctx, startedAt)
}
