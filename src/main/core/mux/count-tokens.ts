import type { ServerResponse } from 'node:http'
import type { Attempt, Decision } from '../../../shared/activity.ts'
import { providerKindInfo } from '../../../shared/provider-kinds.ts'
import { describeNetworkError } from '../providers/network-errors.ts'
import { estimatePromptTokens } from '../routing/estimate-tokens.ts'
import { upstreamErrorMessage } from './client-errors.ts'
import { decisionHeaders } from './decision-headers.ts'
import type { ForwardDeps, ForwardOutcome } from './forward.ts'
import type { InboundRequest } from './inbound.ts'
import { sendJson, sendJsonText } from './send.ts'
import { planAnthropicCountTokens } from './upstream-plan.ts'

// Anthropic-compatible servers that have no count_tokens endpoint answer one of these.
const NO_ENDPOINT = new Set([404, 405, 501])

/**
 * Answers Anthropic's `POST /v1/messages/count_tokens` for the decision's target: an Anthropic
 * target counts (its 4xx goes back as is); any other target, or an Anthropic one that is down or
 * lacks the endpoint, gets a local estimate, since a count is only ever a guide.
 */
export async function countTokens(
  res: ServerResponse,
  inbound: Extract<InboundRequest, { route: 'messages' }>,
  decision: Decision,
  deps: ForwardDeps,
): Promise<ForwardOutcome> {
  const target = decision.target
  const attempts: Attempt[] = []
  const outcome = (status: number, error: string | null, counted: boolean): ForwardOutcome => ({
    status,
    error,
    attempts,
    served: counted ? target : null,
    firstTokenMs: null,
    usage: null,
  })
  const provider = deps.provider(target.provider)
  if (provider && providerKindInfo[provider.kind].wireFormat === 'anthropic') {
    const plan = planAnthropicCountTokens(inbound, provider, deps.apiKey(provider), target.model)
    const timeoutMs = deps.settings().upstreamFirstByteTimeoutMs
    const t0 = performance.now()
    try {
      const response = await deps.dispatcher().request({
        origin: plan.origin,
        path: plan.path,
        method: 'POST',
        headers: plan.headers,
        body: plan.body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      })
      const text = await response.body.text()
      const status = response.statusCode
      const attempt: Attempt = { target, status, error: null, ms: performance.now() - t0 }
      attempts.push(attempt)
      if (status < 400 || (status < 500 && status !== 429 && !NO_ENDPOINT.has(status))) {
        const headers = {
          ...decisionHeaders(decision, target, 0),
          'x-switchboard-count': 'upstream',
        }
        sendJsonText(res, status, text, headers)
        attempt.error =
          status < 400 ? null : upstreamErrorMessage(safeJson(text)) || `HTTP ${status}`
        return outcome(status, attempt.error, true)
      }
      attempt.error = `HTTP ${status}`
    } catch (err) {
      const error = describeNetworkError(err, plan.url, timeoutMs)
      attempts.push({ target, status: null, error, ms: performance.now() - t0 })
    }
  }
  const headers = {
    ...decisionHeaders(decision, target, 0),
    'x-switchboard-count': 'estimate',
  }
  sendJson(res, 200, { input_tokens: estimatePromptTokens(inbound.canonical) }, headers)
  return outcome(200, null, false)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
