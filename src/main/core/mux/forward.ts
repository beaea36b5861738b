import type { ServerResponse } from 'node:http'
import type { Dispatcher } from 'undici'
import type { Attempt, Decision } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { Settings, Target } from '../../../shared/schemas.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import { describeNetworkError } from '../providers/network-errors.ts'
import { clientError, upstreamErrorForClient, upstreamErrorMessage } from './client-errors.ts'
import { decisionHeaders } from './decision-headers.ts'
import type { InboundRequest } from './inbound.ts'
import { relayJson, type Usage } from './relay-json.ts'
import { createStreamRelay } from './relay-stream.ts'
import { sendJson, sendJsonText } from './send.ts'
import { planUpstream, type UpstreamPlan } from './upstream-plan.ts'

export interface ForwardDeps {
  provider(id: string): ProviderRecord | undefined
  apiKey(record: ProviderRecord): string | null
  dispatcher(): Dispatcher
  settings(): Settings
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

type Tried =
  | { kind: 'ok'; plan: UpstreamPlan; response: Dispatcher.ResponseData }
  | { kind: 'client-error'; plan: UpstreamPlan; status: number; text: string }
  | { kind: 'failed'; status: number | null; error: string; timeout: boolean }

const retryable = (status: number) => status === 429 || status >= 500

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
  const abort = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) abort.abort()
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

  for (const target of [decision.target, ...decision.fallbacks]) {
    if (abort.signal.aborted) return outcome({ status: 499, error: 'client closed the connection' })
    const t0 = performance.now()
    const tried = await tryTarget(target, inbound, deps, abort.signal)
    const ms = performance.now() - t0
    if (tried.kind === 'failed') {
      attempts.push({ target, status: tried.status, error: tried.error, ms })
      continue
    }
    attempts.push({
      target,
      status: tried.kind === 'ok' ? tried.response.statusCode : tried.status,
      error: null,
      ms,
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
      const { body, usage } = relayJson(tried.plan.shape, inbound.route, json, target.model)
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
    return await relayStream(res, inbound, tried, target, headers, abort, startedAt, outcome)
  }

  const failure = summarizeFailure(attempts)
  const { status, body } = clientError(failure, inbound.format)
  sendJson(
    res,
    status,
    body,
    decisionHeaders(decision, decision.target, Math.max(0, attempts.length - 1)),
  )
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

async function tryTarget(
  target: Target,
  inbound: InboundRequest,
  deps: ForwardDeps,
  signal: AbortSignal,
): Promise<Tried> {
  const provider = deps.provider(target.provider)
  if (!provider)
    return {
      kind: 'failed',
      status: null,
      error: `provider "${target.provider}" no longer exists`,
      timeout: false,
    }
  const plan = planUpstream(inbound, provider, deps.apiKey(provider), target.model)
  const timeoutMs = deps.settings().upstreamFirstByteTimeoutMs
  let response: Dispatcher.ResponseData
  try {
    response = await deps.dispatcher().request({
      origin: plan.origin,
      path: plan.path,
      method: 'POST',
      headers: plan.headers,
      body: plan.body,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
  } catch (err) {
    const error = describeNetworkError(err, plan.url, timeoutMs)
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
  abort: AbortController,
  startedAt: number,
  outcome: (o: Partial<ForwardOutcome> & { status: number }) => ForwardOutcome,
): Promise<ForwardOutcome> {
  const relay = createStreamRelay(tried.plan, inbound.route, target.model)
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...headers,
  })
  res.flushHeaders()
  let firstTokenMs: number | null = null
  const write = async (text: string) => {
    if (!text) return
    firstTokenMs ??= performance.now() - startedAt
    if (!res.write(text)) await new Promise((resolve) => res.once('drain', resolve))
  }
  const decoder = new TextDecoder()
  let error: string | null = null
  try {
    for await (const chunk of tried.response.body)
      await write(relay.push(decoder.decode(chunk as Buffer, { stream: true })))
    await write(relay.end())
  } catch (err) {
    if (abort.signal.aborted)
      return outcome({
        status: 499,
        error: 'client closed the connection',
        served: target,
        firstTokenMs,
        usage: relay.usage(),
      })
    error = `the upstream stream broke off: ${(err as Error).message}`
    await write(relay.fail(error)).catch(() => {})
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
