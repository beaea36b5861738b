import { errorCodes, toErrorBody, type SwitchboardError } from '../../../shared/errors.ts'
import {
  anthropicErrorToOpenAI,
  openAIErrorToAnthropic,
} from '../providers/translate/anthropic-response.ts'
import { ollamaErrorToOpenAI } from '../providers/translate/ollama-generate.ts'
import type { OpenAIErrorBody } from '../providers/wire/openai.ts'
import type { UpstreamShape } from './upstream-plan.ts'

export type ClientFormat = 'openai' | 'anthropic'

/** Switchboard's own error in the client's wire format. */
export function clientError(
  err: SwitchboardError,
  format: ClientFormat,
): { status: number; body: unknown } {
  const body = toErrorBody(err)
  const status = errorCodes[err.code]
  return { status, body: format === 'anthropic' ? openAIErrorToAnthropic(body, status) : body }
}

/**
 * Headers for a refusal that lifts at a known time (a daily spend cap): how many seconds until then,
 * and that retrying sooner is futile. The official SDKs obey `x-should-retry`; without it they retry
 * a 429 at once, or (Anthropic's) sleep until the stated time.
 */
export function retryHeaders(err: SwitchboardError, now = Date.now()): Record<string, string> {
  const resetsAt = (err.details as { resetsAt?: unknown } | undefined)?.resetsAt
  const at = typeof resetsAt === 'string' ? Date.parse(resetsAt) : NaN
  if (Number.isNaN(at)) return {}
  const seconds = Math.max(1, Math.ceil((at - now) / 1000))
  return { 'retry-after': String(seconds), 'x-should-retry': 'false' }
}

/** An upstream 4xx, status and message kept, in the client's wire format. */
export function upstreamErrorForClient(
  shape: UpstreamShape,
  status: number,
  text: string,
  format: ClientFormat,
): unknown {
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // not JSON: the translators wrap plain text
  }
  if (shape === 'anthropic' && format === 'anthropic') return parsed
  const openai: OpenAIErrorBody =
    shape === 'anthropic'
      ? anthropicErrorToOpenAI(parsed, status)
      : shape.startsWith('ollama')
        ? ollamaErrorToOpenAI(parsed, status)
        : asOpenAIError(parsed, status)
  return format === 'anthropic' ? openAIErrorToAnthropic(openai, status) : openai
}

function asOpenAIError(parsed: unknown, status: number): OpenAIErrorBody {
  const error = (parsed as { error?: { message?: unknown } })?.error
  if (error && typeof error.message === 'string') return parsed as OpenAIErrorBody
  const message =
    typeof parsed === 'string' && parsed
      ? parsed.slice(0, 500)
      : `Upstream answered HTTP ${status}.`
  return { error: { message, type: 'upstream_error', code: String(status), param: null } }
}

/** The short text of an upstream error, for the log and the fallback summary. */
export function upstreamErrorMessage(body: unknown): string {
  const e = (body as { error?: unknown })?.error
  if (typeof e === 'string') return e
  const message = (e as { message?: unknown })?.message
  return typeof message === 'string' ? message : ''
}
