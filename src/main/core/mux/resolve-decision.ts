import type { IncomingHttpHeaders } from 'node:http'
import type { Classification, Decision } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import { GROUP_PROVIDER } from '../../../shared/groups.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import type { GroupChooser, GroupSignals } from '../groups/group-chooser.ts'
import type { StoredGroup } from '../groups/group-repo.ts'
import type { Classify } from '../personas/classifier.ts'
import { ASK_CHAR_BUDGET, conversationKey, humanAsk, lastUserText } from '../personas/human-ask.ts'
import type { CompiledWorkspace, RoutingContext } from '../routing/compile-rules.ts'
import { decideByRules } from '../routing/decide.ts'
import { detectRequestType } from '../routing/detect-request-type.ts'
import { estimatePromptTokens, estimateTextTokens } from '../routing/estimate-tokens.ts'
import { extractFileNames } from '../routing/extract-file-names.ts'
import { requestFeatures } from '../routing/rules/request-features.ts'
import type { RuleCache } from '../routing/rule-cache.ts'
import type { InboundRequest } from './inbound.ts'
import { holdTurn, type TurnDeps } from './turn-hold.ts'

export const WORKSPACE_HEADER = 'x-switchboard-workspace'
const WORKSPACE_PREFIX = 'workspace:'

export interface DecisionDeps extends TurnDeps {
  rules: RuleCache
  provider: (id: string) => ProviderRecord | undefined
  classify: Classify
  group(id: string): StoredGroup | undefined
  chooseGroup: GroupChooser
}

interface RequestSignals {
  ctx: RoutingContext
  classification: () => Classification | null
  group: () => GroupSignals
}

/** What rules and groups read from a request; the ask and the classifier are computed lazily. */
export function requestSignals(inbound: InboundRequest, classify: Classify): RequestSignals {
  let pending: Promise<Classification> | undefined
  let settled: Classification | null = null
  if (inbound.route === 'completions') {
    const prompt = Array.isArray(inbound.body.prompt)
      ? (inbound.body.prompt[0] ?? '')
      : inbound.body.prompt
    const files = extractFileNames(inbound.body)
    const ask = prompt.slice(-ASK_CHAR_BUDGET)
    return {
      ctx: {
        requestType: detectRequestType('completions', inbound.body),
        files,
        requestedModel: inbound.model,
        classify: () => (pending ??= classify(ask, null).then((c) => (settled = c))),
        ...requestFeatures({ body: inbound.body, chat: null }, () => estimateTextTokens(prompt)),
      },
      classification: () => settled,
      group: () => ({ text: ask, promptChars: prompt.length, files }),
    }
  }
  const chat = inbound.route === 'chat' ? inbound.body : inbound.canonical
  const files = extractFileNames(chat)
  let ask: string | undefined
  const askText = () => (ask ??= humanAsk(chat, files))
  return {
    ctx: {
      requestType: detectRequestType('chat', chat),
      files,
      requestedModel: inbound.model,
      classify: () =>
        (pending ??= classify(askText(), conversationKey(chat)).then((c) => (settled = c))),
      ...requestFeatures({ body: inbound.body, chat }, () => estimatePromptTokens(chat)),
    },
    classification: () => settled,
    group: () => ({ text: askText(), promptChars: lastUserText(chat).length, files }),
  }
}

/** A decision whose target is a model group becomes the group's choice, the rule's fallbacks after. */
async function expandGroup(
  decision: Decision,
  signals: RequestSignals,
  deps: DecisionDeps,
): Promise<Decision> {
  if (decision.target.provider !== GROUP_PROVIDER) return decision
  const group = deps.group(decision.target.model)
  if (!group) {
    throw new SwitchboardError(
      'no_route',
      `The rule targets model group "${decision.target.model}", which no longer exists. Edit the rule or create the group.`,
    )
  }
  const choice = await deps.chooseGroup(group, signals.group())
  return {
    ...decision,
    target: choice.target,
    fallbacks: [
      ...choice.fallbacks,
      ...decision.fallbacks.filter((t) => t.provider !== GROUP_PROVIDER),
    ],
    group: choice.decision,
    why: `${decision.why}; group ${group.id}: ${choice.decision.reason}`,
  }
}

/**
 * The model name picks the route: `workspace:<name>` (or the header) routes by that workspace, a
 * model group's name uses that group, `<provider>/<model>` goes straight there, and anything else
 * follows the active workspace's rules. The tool-loop requests of a turn keep its first decision.
 */
export async function resolveDecision(
  inbound: InboundRequest,
  headers: IncomingHttpHeaders,
  deps: DecisionDeps,
): Promise<Decision> {
  const startedAt = performance.now()
  const signals = requestSignals(inbound, deps.classify)
  const named = namedWorkspace(inbound.model, headers)
  const turn = holdTurn(inbound, turnWorkspace(inbound.model, named, deps), deps)
  const held = turn?.recall()
  if (held) {
    const { requestType, files } = signals.ctx
    return { ...held, requestType, files, decisionMs: performance.now() - startedAt }
  }
  const decision = await decideAfresh(inbound, named, signals, deps, startedAt)
  const marked = turn ? turn.remember(decision) : decision
  return { ...marked, decisionMs: performance.now() - startedAt }
}

/**
 * The workspace a request is logged and capped under: the one it names when that exists, else the
 * active one (also when routing failed before a workspace was chosen, or the client named a model).
 */
export function routingWorkspace(
  model: string,
  headers: IncomingHttpHeaders,
  deps: Pick<DecisionDeps, 'rules'>,
): string {
  const named = namedWorkspace(model, headers)
  return (named !== null && deps.rules.byName(named)?.name) || deps.rules.active().name
}

/** The workspace a request names by header or `workspace:<name>` model, or null. */
function namedWorkspace(model: string, headers: IncomingHttpHeaders): string | null {
  const headerWorkspace = headers[WORKSPACE_HEADER]
  if (typeof headerWorkspace === 'string' && headerWorkspace) return headerWorkspace
  return model.startsWith(WORKSPACE_PREFIX) ? model.slice(WORKSPACE_PREFIX.length) : null
}

/** Whose setting holds the turn: the named or the active workspace; none for a direct model. */
function turnWorkspace(
  model: string,
  named: string | null,
  deps: DecisionDeps,
): CompiledWorkspace | null {
  if (named !== null) return deps.rules.byName(named)
  const slash = model.indexOf('/')
  const direct = !deps.group(model) && slash > 0 && deps.provider(model.slice(0, slash))
  return direct ? null : deps.rules.active()
}

/** The route by the model name, the named workspace's or the active workspace's rules. */
async function decideAfresh(
  inbound: InboundRequest,
  named: string | null,
  signals: RequestSignals,
  deps: DecisionDeps,
  startedAt: number,
): Promise<Decision> {
  const { ctx, classification } = signals
  const model = inbound.model
  const base = {
    requestType: ctx.requestType,
    files: ctx.files,
    matchedFile: null,
    classification: null,
    group: null,
    turn: null,
  }
  let decision: Decision
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
    decision = await decideByRules(workspace, ctx, startedAt, classification)
  } else if (deps.group(model)) {
    decision = {
      ...base,
      workspace: null,
      via: 'group',
      rule: null,
      target: { provider: GROUP_PROVIDER, model: deps.group(model)!.id },
      fallbacks: [],
      why: `the client asked for model group ${model}`,
      decisionMs: 0,
    }
  } else {
    const slash = model.indexOf('/')
    const provider = slash > 0 ? deps.provider(model.slice(0, slash)) : undefined
    decision = provider
      ? {
          ...base,
          workspace: null,
          via: 'direct',
          rule: null,
          target: { provider: provider.id, model: model.slice(slash + 1) },
          fallbacks: [],
          why: `the client asked for ${model} by name`,
          decisionMs: 0,
        }
      : await decideByRules(deps.rules.active(), ctx, startedAt, classification)
  }
  return expandGroup(decision, signals, deps)
}
