import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { Decision } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { MemberKey } from '../../../shared/member-keys.ts'
import type { CostOf } from '../activity/cost.ts'
import { KEPT_BODY_LIMIT, type RequestBodyStore } from '../activity/request-bodies.ts'
import type { NewLogEntry, RequestLog } from '../activity/request-log.ts'
import type { RecentAsks } from '../personas/recent-asks.ts'
import type { WorkspaceService } from '../workspaces/workspace-service.ts'
import { anthropicPassThrough } from './anthropic-pass-through.ts'
import { captureResponse } from './capture-response.ts'
import { clientError, retryHeaders, type ClientFormat } from './client-errors.ts'
import { countTokens } from './count-tokens.ts'
import { detectClient } from './detect-client.ts'
import { dialectFor } from './dialects/index.ts'
import { forward, type ForwardDeps } from './forward.ts'
import { parseInbound, type InboundRequest } from './inbound.ts'
import { readJsonRequest } from './read-body.ts'
import {
  resolveDecision,
  routingWorkspace,
  WORKSPACE_HEADER,
  type DecisionDeps,
} from './resolve-decision.ts'
import { sendJson, toSwitchboardError } from './send.ts'

export interface MuxDeps extends ForwardDeps, DecisionDeps {
  workspaces: WorkspaceService
  providers(): { id: string; models: { id: string }[] }[]
  groups(): { id: string }[]
  log: RequestLog
  /** Where the classified ask of a logged request is kept, so the user can correct its persona. */
  asks: Pick<RecentAsks, 'keep'>
  /** A request's cost in USD from the served target and its usage. */
  costOf: CostOf
  /** The member key a request presents; throws 401 when it may not pass. Null: no key. */
  memberKey?(headers: IncomingHttpHeaders): MemberKey | null
  /** Throws 429 once a member key has spent its daily cap. */
  memberKeyCap?(key: MemberKey): void
  /** Counts a request refused for a missing or wrong member key, which is never logged. */
  refusedKey?(): void
  /** Where request and response bodies are kept for debugging, when the setting is on. */
  bodies?: Pick<RequestBodyStore, 'enabled' | 'keep'>
}

/** Anthropic's count_tokens is parsed and routed as a messages request, then counted, not sent. */
type ProxyRoute = InboundRequest['route'] | 'count_tokens'

const postRoutes: Record<string, ProxyRoute> = {
  '/v1/mux/chat/completions': 'chat',
  '/v1/mux/completions': 'completions',
  '/v1/mux/messages': 'messages',
  '/v1/mux/v1/messages': 'messages',
  '/v1/mux/messages/count_tokens': 'count_tokens',
  '/v1/mux/v1/messages/count_tokens': 'count_tokens',
  '/v1/mux/responses': 'responses',
  '/v1/mux/v1/responses': 'responses',
}

const MODEL_LISTS = new Set(['/v1/mux/models', '/v1/mux/v1/models'])

/** The proxy under /v1/mux: OpenAI chat, completions and responses, Anthropic messages, and the model list. */
export function createMux(deps: MuxDeps) {
  return async function mux(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '')
    const route = postRoutes[path]
    const anthropic =
      route === 'count_tokens' ||
      (route ? dialectFor(route).format === 'anthropic' : isAnthropicClient(path, req))
    const format: ClientFormat = anthropic ? 'anthropic' : 'openai'
    const startedAt = performance.now()
    let key: MemberKey | null = null
    try {
      key = deps.memberKey?.(req.headers) ?? null
      if (key) deps.memberKeyCap?.(key)
    } catch (err) {
      const e = toSwitchboardError(err)
      const { status, body } = clientError(e, format)
      sendJson(res, status, body, retryHeaders(e))
      // Without a valid key the caller is a stranger: counted, never logged, so it cannot push
      // history out of the log. A member past its cap is logged with its key, at no cost.
      if (!key) return deps.refusedKey?.()
      return logUnread(req, route ?? 'unknown', format, status, e.message, startedAt, key)
    }
    if (req.method === 'GET' && MODEL_LISTS.has(path)) {
      return sendJson(res, 200, listModels(deps))
    }
    const allow = route ? 'POST' : MODEL_LISTS.has(path) ? 'GET' : null
    if (allow && req.method !== allow) {
      const err = new SwitchboardError(
        'method_not_allowed',
        `${url.pathname} does not take ${req.method}; it takes ${allow}.`,
      )
      const { status, body } = clientError(err, format)
      return sendJson(res, status, body, { allow })
    }
    // Only a caller past the key checks reaches here, so only it can add a 404 to the log.
    if (!route) return notFound(req, res, url, format, key)
    await handle(req, res, url, route, format, key)
  }

  /** A 404 in the client's dialect, logged like any request so a misconfigured tool shows up. */
  function notFound(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    format: ClientFormat,
    key: MemberKey | null,
  ) {
    const startedAt = performance.now()
    const err = new SwitchboardError(
      'not_found',
      `No proxy route ${req.method} ${url.pathname}. Use POST /v1/mux/chat/completions, /v1/mux/completions, /v1/mux/responses, /v1/mux/v1/messages or /v1/mux/v1/messages/count_tokens, or GET /v1/mux/models.`,
    )
    const { status, body } = clientError(err, format)
    sendJson(res, status, body)
    logUnread(req, 'unknown', format, status, err.message, startedAt, key)
  }

  /**
   * Logs a request that passed the key checks but was answered before its body was read (a spent
   * cap, an unknown path), with its key, so the activity log and metrics show it like any other.
   */
  function logUnread(
    req: IncomingMessage,
    route: string,
    format: ClientFormat,
    status: number,
    error: string,
    startedAt: number,
    key: MemberKey | null,
  ): void {
    deps.log.add({
      ...newEntry(route, format),
      client: detectClient(req.headers, ''),
      workspace: key?.workspace ?? routingWorkspace('', req.headers, deps),
      keyId: key?.id ?? null,
      status,
      error,
      latencyMs: performance.now() - startedAt,
    })
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    route: ProxyRoute,
    format: ClientFormat,
    key: MemberKey | null,
  ) {
    const startedAt = performance.now()
    const entry = newEntry(route, format)
    entry.keyId = key?.id ?? null
    // A key pinned to a workspace routes by it, whatever the request names.
    const headers: IncomingHttpHeaders = key?.workspace
      ? { ...req.headers, [WORKSPACE_HEADER]: key.workspace }
      : req.headers
    // Bodies only, and only when the user asked to keep them: headers carry keys.
    const capture = deps.bodies?.enabled()
      ? { request: null as string | null, response: captureResponse(res, KEPT_BODY_LIMIT + 1) }
      : null
    try {
      const inbound = await readInbound(req, route === 'count_tokens' ? 'messages' : route, capture)
      if (inbound.route === 'messages')
        inbound.passThrough = anthropicPassThrough(req.headers, url.search)
      Object.assign(entry, {
        requestedModel: inbound.model,
        stream: inbound.stream,
        client: detectClient(req.headers, systemText(inbound)),
      })
      const decision = await resolveDecision(inbound, headers, deps)
      recordDecision(entry, decision)
      const outcome =
        route === 'count_tokens' && inbound.route === 'messages'
          ? await countTokens(res, inbound, decision, deps)
          : await forward(res, inbound, decision, deps, startedAt)
      Object.assign(entry, {
        status: outcome.status,
        error: outcome.error,
        attempts: outcome.attempts,
        provider: outcome.served?.provider ?? decision.target.provider,
        model: outcome.served?.model ?? decision.target.model,
        firstTokenMs: outcome.firstTokenMs,
        tokensIn: outcome.usage?.input ?? null,
        tokensOut: outcome.usage?.output ?? null,
        tokensCached: outcome.usage?.cacheRead ?? null,
        // Counting tokens is free; a refused request with no usage billed nothing.
        costUsd:
          route === 'count_tokens' || (!outcome.usage && outcome.status >= 400)
            ? 0
            : deps.costOf(outcome.served, outcome.usage),
      })
    } catch (err) {
      const e = err instanceof SwitchboardError ? err : translationError(err)
      const { status, body } = clientError(e, format)
      if (!res.headersSent) sendJson(res, status, body)
      else res.end()
      Object.assign(entry, { status, error: e.message })
      if (entry.client === 'unknown') entry.client = detectClient(req.headers, '')
    } finally {
      entry.latencyMs = performance.now() - startedAt
      // Every row carries a workspace, failures and directly named models too, so filters find them.
      entry.workspace ??= routingWorkspace(entry.requestedModel ?? '', headers, deps)
      const id = deps.log.add(entry)
      deps.asks.keep(id, entry.classification)
      if (capture) deps.bodies!.keep(id, entry.at, capture.request, capture.response())
    }
  }
}

/**
 * Reads and parses the request body. Its own frame, so nothing but the parsed request holds the
 * body's text and bytes: an open stream lets go of them once its answer starts (see
 * request-body-memory.ts).
 */
async function readInbound(
  req: IncomingMessage,
  route: InboundRequest['route'],
  capture: { request: string | null } | null,
): Promise<InboundRequest> {
  const body = await readJsonRequest(req)
  if (capture) capture.request = JSON.stringify(body.value)
  const inbound = parseInbound(route, body.value)
  inbound.raw = body.raw
  return inbound
}

function newEntry(route: string, format: ClientFormat): NewLogEntry {
  return {
    at: new Date().toISOString(),
    route,
    client: 'unknown',
    clientFormat: format,
    requestedModel: null,
    stream: false,
    workspace: null,
    requestType: null,
    files: [],
    rule: null,
    why: null,
    classification: null,
    group: null,
    turn: null,
    provider: null,
    model: null,
    attempts: [],
    status: 0,
    error: null,
    latencyMs: 0,
    firstTokenMs: null,
    tokensIn: null,
    tokensOut: null,
    tokensCached: null,
    // Nothing reached a provider yet; a request that fails before does not cost anything.
    costUsd: 0,
    keyId: null,
    ruleKind: null,
  }
}

/** For an unknown path: Anthropic clients always send anthropic-version. */
function isAnthropicClient(path: string, req: IncomingMessage): boolean {
  return path.includes('/messages') || req.headers['anthropic-version'] !== undefined
}

function recordDecision(entry: NewLogEntry, d: Decision): void {
  Object.assign(entry, {
    workspace: d.workspace,
    requestType: d.requestType,
    files: d.files,
    rule: d.rule?.label ?? (d.via === 'group' && d.group ? `model group ${d.group.id}` : 'direct'),
    ruleKind: d.rule?.kind ?? d.via,
    why: d.why,
    classification: d.classification,
    group: d.group,
    turn: d.turn,
    provider: d.target.provider,
    model: d.target.model,
  })
}

function systemText(inbound: InboundRequest): string {
  if (inbound.route === 'completions') return ''
  const chat = inbound.route === 'chat' ? inbound.body : inbound.canonical
  const first = chat.messages[0]
  return first &&
    (first.role === 'system' || first.role === 'developer') &&
    typeof first.content === 'string'
    ? first.content.slice(0, 2000)
    : ''
}

/** Errors the translators raise for requests a target cannot express become 400s; anything else is ours. */
function translationError(err: unknown): SwitchboardError {
  const e = err as { name?: string; message?: string; param?: string }
  if (e?.name?.endsWith('TranslationError'))
    return new SwitchboardError('invalid_request', e.message ?? 'Invalid request.', {
      param: e.param,
    })
  console.error('switchboard: unexpected error in the proxy', err)
  return new SwitchboardError(
    'internal',
    'Switchboard hit an unexpected error while proxying. See its log for details.',
  )
}

function listModels(deps: MuxDeps) {
  const created = Math.floor(Date.now() / 1000)
  const model = (id: string, owned_by: string) => ({ id, object: 'model', created, owned_by })
  return {
    object: 'list',
    data: [
      model('switchboard', 'switchboard'),
      ...deps.workspaces.list().map((w) => model(`workspace:${w.name}`, 'switchboard')),
      ...deps.groups().map((g) => model(g.id, 'switchboard')),
      ...deps.providers().flatMap((p) => p.models.map((m) => model(`${p.id}/${m.id}`, p.id))),
    ],
  }
}
