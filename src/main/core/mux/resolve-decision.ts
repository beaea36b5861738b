import type { IncomingHttpHeaders } from 'node:http'
import type { Classification, Decision } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import type { RoutingContext } from '../routing/compile-rules.ts'
import { decideByRules } from '../routing/decide.ts'
import { detectRequestType } from '../routing/detect-request-type.ts'
import { extractFileNames } from '../routing/extract-file-names.ts'
import type { RuleCache } from '../routing/rule-cache.ts'
import type { Classify } from '../personas/classifier.ts'
import { ASK_CHAR_BUDGET, conversationKey, humanAsk } from '../personas/human-ask.ts'
import type { InboundRequest } from './inbound.ts'

export const WORKSPACE_HEADER = 'x-switchboard-workspace'
const WORKSPACE_PREFIX = 'workspace:'

export interface DecisionDeps {
  rules: RuleCache
  provider: (id: string) => ProviderRecord | undefined
  classify: Classify
}

/** What the rules read from a request: its type, the files it mentions, and a lazy persona classifier. */
export function routingContext(
  inbound: InboundRequest,
  classify: Classify,
): { ctx: RoutingContext; classification: () => Classification | null } {
  let result: Promise<Classification> | undefined
  let settled: Classification | null = null
  const memo = (run: () => Promise<Classification>) => () =>
    (result ??= run().then((c) => (settled = c)))
  if (inbound.route === 'completions') {
    const prompt = Array.isArray(inbound.body.prompt)
      ? (inbound.body.prompt[0] ?? '')
      : inbound.body.prompt
    const ctx = {
      requestType: detectRequestType('completions', inbound.body),
      files: extractFileNames(inbound.body),
      classify: memo(() => classify(prompt.slice(-ASK_CHAR_BUDGET), null)),
    }
    return { ctx, classification: () => settled }
  }
  const chat = inbound.route === 'chat' ? inbound.body : inbound.canonical
  const files = extractFileNames(chat)
  const ctx = {
    requestType: detectRequestType('chat', chat),
    files,
    classify: memo(() => classify(humanAsk(chat, files), conversationKey(chat))),
  }
  return { ctx, classification: () => settled }
}

/**
 * The model name picks the route: `workspace:<name>` (or the header) routes by that workspace,
 * `<provider>/<model>` goes straight there, anything else follows the active workspace's rules.
 */
export async function resolveDecision(
  inbound: InboundRequest,
  headers: IncomingHttpHeaders,
  deps: DecisionDeps,
): Promise<Decision> {
  const startedAt = performance.now()
  const { ctx, classification } = routingContext(inbound, deps.classify)
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
    return decideByRules(workspace, ctx, startedAt, classification)
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
        classification: null,
        why: `the client asked for ${model} by name`,
        decisionMs: performance.now() - startedAt,
      }
    }
  }
  return decideByRules(deps.rules.active(), ctx, startedAt, classification)
}
