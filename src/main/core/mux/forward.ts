import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import type { Dispatcher } from 'undici'
import type { Attempt, Decision } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { Settings, Target } from '../../../shared/schemas.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import { parseLimitError } from '../providers/limit-errors.ts'
import type { KnownLimits, ModelLimits } from '../providers/model-facts.ts'
import { describeNetworkError } from '../providers/network-errors.ts'
import {
  estimatePromptTokens,
  estimateTextTokens,
  promptTokenCeiling,
} from '../routing/estimate-tokens.ts'
import type { OutputClamp } from './clamp-output-tokens.ts'
import {
  clientError,
  retryHeaders,
  upstreamErrorForClient,
  upstreamErrorMessage,
} from './client-errors.ts'
import { decisionHeaders } from './decision-headers.ts'
import type { InboundRequest } from './inbound.ts'
import { createStreamRelay, relayJson } from './dialects/index.ts'
import type { Usage } from './relay-json.ts'
import { sendJson, sendJsonText } from './send.ts'
import { oneShotBody, releaseRequestBody } from './request-body-memory.ts'
import { planUpstream, type UpstreamPlan } from './upstream-plan.ts'

export interface ForwardDeps {
  provider(id: string): ProviderRecord | undefined
  apiKey(record: ProviderRecord): string | null
  dispatcher(): Dispatcher
  settings(): Settings
  /** The target model's known context window and output limit. */
  limits(providerId: string, model: string): ModelLimits
  /** Remembers limits an upstream stated when it refused a request. */
  learnLimits(providerId: string, model: string, limits: KnownLimits): void
  /** Why a target may not be used now (its workspace's daily spend cap is reached), or null. */
  spendCapSkip?(workspace: string | null, target: Target): SpendCapSkip | null
}

/** A target skipped for a spend cap: the log note, and the answer when no target is left. */
export interface SpendCapSkip {
  note: string
  refusal(): SwitchboardError
}

/** What happened, for the request log. */
export interface ForwardOutcome {
  status: number
  error: string | null
  attempts: Attempt[]
  served: Target | null
  firstTokenMs: number | null
  usage: Usage | null
}

type Tried = (
  | { kind: 'ok'; plan: UpstreamPlan; response: Dispatcher.ResponseData }
  | { kind: 'client-error'; plan: UpstreamPlan; status: number; text: string }
  | { kind: 'failed'; status: number | null; error: string; timeout: boolean }
) & { note?: string }

const retryable = (status: number) => status === 429 || status >= 500

/**
 * How long a stream's headers wait for its first chunk to go out with: one write instead of two
 * when the upstream starts at once, and a client of a slow upstream still sees them (and the
 * decision) almost at once.
 */
const HEADERS_WAIT_MS = 50

/**
 * Emits 'abort' when the client goes away, so undici drops the upstream call. undici takes such an
 * EventEmitter as a request's signal (one without an `aborted` field: that would make it an
 * AbortSignal to undici), at a fraction of an AbortController's cost per request.
 */
class ClientGone extends EventEmitter {
  left = false
  leave(): void {
    if (this.left) return
    this.left = true
    this.emit('abort')
  }
}

/**
 * Sends the request to the decision's target, then its fallbacks in order while nothing has reached
 * the client (unreachable, timeout, 429, 5xx), and relays the answer in the client's format.
 */
export async function forward(
  res: ServerResponse,
  inbound: InboundRequest,
  decision: Decision,
  deps: ForwardDeps,
  startedAt: number,
): Promise<ForwardOutcome> {
  const gone = new ClientGone()
  res.on('close', () => {
    if (!res.writableFinished) gone.leave()
  })
  const attempts: Attempt[] = []
  const outcome = (o: Partial<ForwardOutcome> & { status: number }): ForwardOutcome => ({
    error: null,
    served: null,
    firstTokenMs: null,
    usage: null,
    ...o,
    attempts,
  })

  let promptTokens: number | undefined
  const tooLong: { target: Target; window: number }[] = []
  const capped: SpendCapSkip[] = []
  for (const target of [decision.target, ...decision.fallbacks]) {
    const capSkip = deps.spendCapSkip?.(decision.workspace, target)
    if (capSkip) {
      capped.push(capSkip)
      attempts.push({ target, status: null, error: capSkip.note, ms: 0 })
      continue
    }
    const limits = deps.limits(target.provider, target.model)
    if (limits.contextWindow !== null && mayExceed(inbound, limits.contextWindow)) {
      promptTokens ??= estimateInboundTokens(inbound)
      if (promptTokens > limits.contextWindow) {
        tooLong.push({ target, window: limits.contextWindow })
        const error = `skipped: ~${count(promptTokens)} prompt tokens exceed the ${count(limits.contextWindow)}-token context window`
        attempts.push({ target, status: null, error, ms: 0 })
        continue
      }
    }
    const t0 = performance.now()
    const tried = await tryTarget(target, inbound, deps, gone, limits)
    // The client left: whatever the upstream did, that is not the provider's failure.
    if (gone.left) return outcome({ status: 499, error: 'client closed the connection' })
    const ms = performance.now() - t0
    const note = tried.note === undefined ? {} : { note: tried.note }
    if (tried.kind === 'failed') {
      attempts.push({ target, status: tried.status, error: tried.error, ms, ...note })
      continue
    }
    attempts.push({
      target,
      status: tried.kind === 'ok' ? tried.response.statusCode : tried.status,
      error: null,
      ms,
      ...note,
    })
    const headers = decisionHeaders(decision, target, attempts.length - 1)
    if (tried.kind === 'client-error') {
      const body = upstreamErrorForClient(
        tried.plan.shape,
        tried.status,
        tried.text,
        inbound.format,
      )
      sendJson(res, tried.status, body, headers)
      attempts.at(-1)!.error = upstreamErrorMessage(body) || `HTTP ${tried.status}`
      return outcome({ status: tried.status, error: attempts.at(-1)!.error, served: target })
    }
    if (!inbound.stream) {
      const text = await tried.response.body.text().catch((err: Error) => err)
      let json: unknown
      try {
        if (text instanceof Error) throw text
        json = JSON.parse(text)
      } catch (err) {
        attempts.at(-1)!.error = `answered something that is not JSON (${(err as Error).message})`
        continue
      }
      const { body, usage } = relayJson(tried.plan.shape, inbound, json, target.model)
      // An answer already in the client's format goes out as received, not parsed and re-encoded.
      if (body === json && typeof text === 'string') sendJsonText(res, 200, text, headers)
      else sendJson(res, 200, body, headers)
      return outcome({
        status: 200,
        served: target,
        usage,
        firstTokenMs: performance.now() - startedAt,
      })
    }
    return await relayStream(res, inbound, tried, target, headers, gone, startedAt, outcome)
  }

  const failure =
    capped.length > 0 && capped.length + tooLong.length === attempts.length
      ? capped[0]!.refusal()
      : tooLong.length === attempts.length && promptTokens !== undefined
        ? promptTooLong(promptTokens, tooLong)
        : summarizeFailure(attempts)
  const { status, body } = clientError(failure, inbound.format)
  sendJson(res, status, body, {
    ...decisionHeaders(decision, decision.target, Math.max(0, attempts.length - 1)),
    ...retryHeaders(failure),
  })
  return outcome({ status, error: failure.message })
}

/** The error to answer when every target failed: which targets were tried and why. */
export function summarizeFailure(attempts: Attempt[]): SwitchboardError {
  const list = attempts
    .map((a) => `${a.target.provider}/${a.target.model}: ${a.error?.replace(/\.$/, '')}`)
    .join('; ')
  const last = attempts.at(-1)
  const code =
    last?.status === 429
      ? 'rate_limited'
      : last?.error?.includes('did not answer within')
        ? 'upstream_timeout'
        : 'upstream_error'
  const lead = attempts.length === 1 ? 'The target failed' : `All ${attempts.length} targets failed`
  return new SwitchboardError(
    code,
    `${lead}. ${list}. Check the provider in Switchboard, or add a fallback to the rule.`,
    {
      details: { tried: attempts },
    },
  )
}

/** The answer when every target's context window is smaller than the prompt: a 400 naming them. */
function promptTooLong(
  promptTokens: number,
  targets: { target: Target; window: number }[],
): SwitchboardError {
  const list = targets
    .map((t) => `${t.target.provider}/${t.target.model} (${count(t.window)})`)
    .join(', ')
  // Worded like Anthropic's own "prompt is too long: N tokens > M maximum", which clients act on.
  return new SwitchboardError(
    'invalid_request',
    `prompt is too long: ~${count(promptTokens)} tokens > the context window of ${targets.length === 1 ? 'the target' : 'every target'}: ${list}. Shorten or compact the conversation, or add a fallback with a larger context window.`,
    { param: 'messages' },
  )
}

const count = (n: number) => Math.round(n).toLocaleString('en-US')

/** Whether a request could be longer than a context window, judged by its size alone. */
function mayExceed(inbound: InboundRequest, contextWindow: number): boolean {
  const chars = inbound.raw?.text.length
  if (chars === undefined) return true
  const chat =
    inbound.route === 'completions'
      ? null
      : inbound.route === 'chat'
        ? inbound.body
        : inbound.canonical
  return promptTokenCeiling(chars, chat) > contextWindow
}

/** The estimated prompt tokens of a request in any dialect. */
function estimateInboundTokens(inbound: InboundRequest): number {
  if (inbound.route === 'chat') return estimatePromptTokens(inbound.body)
  if (inbound.route === 'messages' || inbound.route === 'responses')
    return estimatePromptTokens(inbound.canonical)
  const prompt = inbound.body.prompt
  const text = Array.isArray(prompt) ? prompt.join('') : prompt
  return estimateTextTokens(text + (inbound.body.suffix ?? ''))
}

const clampNote = (c: OutputClamp, why: string) => `${c.field} clamped ${c.from}→${c.to} (${why})`
const limitOrigin = {
  provider: 'the model limit the provider publishes',
  learned: 'the model limit learned from an earlier 400',
  table: "the model limit in Switchboard's table",
} as const

/**
 * Sends the request to one target, its output tokens clamped to the model's known limit. When the
 * upstream refuses it with a message that states a limit, the limit is remembered and the request
 * is sent once more within it (nothing has reached the client yet).
 */
async function tryTarget(
  target: Target,
  inbound: InboundRequest,
  deps: ForwardDeps,
  signal: ClientGone,
  limits: ModelLimits,
): Promise<Tried> {
  const provider = deps.provider(target.provider)
  if (!provider)
    return {
      kind: 'failed',
      status: null,
      error: `provider "${target.provider}" no longer exists`,
      timeout: false,
    }
  const apiKey = deps.apiKey(provider)
  let plan = planUpstream(inbound, provider, apiKey, target.model, limits.maxOutputTokens)
  let note = plan.clamp
    ? clampNote(plan.clamp, limitOrigin[limits.source.maxOutputTokens ?? 'table'])
    : undefined
  const tried = await send(plan, inbound, deps, signal)
  if (tried.kind !== 'client-error') return { ...tried, note }
  const stated = parseLimitError(upstreamErrorMessage(safeJson(tried.text)) || tried.text)
  if (!stated) return { ...tried, note }
  const learned: KnownLimits = {}
  if (stated.maxOutputTokens) learned.maxOutputTokens = stated.maxOutputTokens
  if (stated.contextWindow) learned.contextWindow = stated.contextWindow
  if (Object.keys(learned).length > 0) deps.learnLimits(target.provider, target.model, learned)
  const fits = Math.min(stated.maxOutputTokens ?? Infinity, stated.fitsOutputTokens ?? Infinity)
  if (!Number.isFinite(fits) || fits < 1 || plan.outputTokens === null || fits >= plan.outputTokens)
    return { ...tried, note }
  plan = planUpstream(inbound, provider, apiKey, target.model, fits)
  note = plan.clamp
    ? clampNote(plan.clamp, "the upstream's 400 stated the limit; sent again")
    : note
  return { ...(await send(plan, inbound, deps, signal)), note }
}

async function send(
  plan: UpstreamPlan,
  inbound: InboundRequest,
  deps: ForwardDeps,
  signal: ClientGone,
): Promise<Tried> {
  const timeoutMs = deps.settings().upstreamFirstByteTimeoutMs
  let response: Dispatcher.ResponseData
  try {
    response = await deps.dispatcher().request({
      origin: plan.origin,
      path: plan.path,
      method: 'POST',
      headers: plan.headers,
      // A stream holds its request for its whole life, so its body lets go once sent; a whole
      // answer comes back soon, and undici writes a plain body in one go.
      body: inbound.stream ? oneShotBody(plan.body) : plan.body,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
  } catch (err) {
    const error = describeNetworkError(
      err,
      plan.url,
      timeoutMs,
      deps.settings().upstreamConnectTimeoutMs,
    )
    return { kind: 'failed', status: null, error, timeout: error.includes('did not answer within') }
  }
  if (response.statusCode < 400) return { kind: 'ok', plan, response }
  const text = await response.body.text().catch(() => '')
  if (retryable(response.statusCode)) {
    const message = upstreamErrorMessage(safeJson(text)) || text.slice(0, 200)
    return {
      kind: 'failed',
      status: response.statusCode,
      error: `HTTP ${response.statusCode}${message ? ` (${message})` : ''}`,
      timeout: false,
    }
  }
  return { kind: 'client-error', plan, status: response.statusCode, text }
}

async function relayStream(
  res: ServerResponse,
  inbound: InboundRequest,
  tried: Extract<Tried, { kind: 'ok' }>,
  target: Target,
  headers: Record<string, string>,
  gone: ClientGone,
  startedAt: number,
  outcome: (o: Partial<ForwardOutcome> & { status: number }) => ForwardOutcome,
): Promise<ForwardOutcome> {
  const relay = createStreamRelay(tried.plan, inbound, target.model)
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...headers,
  })
  const flushHeaders = setTimeout(() => res.flushHeaders(), HEADERS_WAIT_MS)
  releaseRequestBody(inbound, tried.plan)
  let firstTokenMs: number | null = null
  const write = async (text: string) => {
    if (!text) return
    if (firstTokenMs === null) {
      clearTimeout(flushHeaders)
      firstTokenMs = performance.now() - startedAt
    }
    if (!res.write(text)) await new Promise((resolve) => res.once('drain', resolve))
  }
  const decoder = new TextDecoder()
  let error: string | null = null
  try {
    for await (const chunk of tried.response.body)
      await write(relay.push(decoder.decode(chunk as Buffer, { stream: true })))
    await write(relay.end())
  } catch (err) {
    if (gone.left)
      return outcome({
        status: 499,
        error: 'client closed the connection',
        served: target,
        firstTokenMs,
        usage: relay.usage(),
      })
    error = `the upstream stream broke off: ${(err as Error).message}`
    await write(relay.fail(error)).catch(() => {})
  } finally {
    clearTimeout(flushHeaders)
  }
  res.end()
  return outcome({
    status: error ? 502 : 200,
    error,
    served: target,
    firstTokenMs,
    usage: relay.usage(),
  })
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
