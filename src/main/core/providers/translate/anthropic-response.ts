// Complete (non-streamed) responses, stop reasons, usage and error bodies between Anthropic
// Messages and OpenAI Chat Completions. Pure: the only ambient input is the clock for `created`.

import type {
  AnthropicErrorBody,
  AnthropicResponse,
  AnthropicResponseBlock,
  AnthropicStopReason,
  AnthropicUsage,
} from '../wire/anthropic.ts'
import type {
  OpenAIChatResponse,
  OpenAIErrorBody,
  OpenAIFinishReason,
  OpenAIToolCall,
  OpenAIUsage,
} from '../wire/openai.ts'
import { parseToolArguments, stringifyToolInput } from './anthropic-request.ts'

/** Options shared by the OpenAI -> Anthropic response and stream translators. */
export interface ToAnthropicOptions {
  /**
   * Turn `reasoning_content` / `reasoning` from OpenAI-style upstreams into thinking blocks
   * (default true). They carry an empty signature, so Anthropic itself would reject them if a
   * later turn of the same conversation were routed there with them still in the history.
   */
  thinking?: boolean
}

/** Maps an Anthropic stop_reason to an OpenAI finish_reason (null while still running). */
export function anthropicStopToOpenAI(reason: unknown): OpenAIFinishReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length'
    case 'tool_use':
      return 'tool_calls'
    case 'refusal':
      return 'content_filter'
    default:
      // end_turn, stop_sequence, and pause_turn: a paused server-tool loop cannot be resumed by
      // an OpenAI client, so the partial answer is presented as finished.
      return 'stop'
  }
}

/** Maps an OpenAI finish_reason to an Anthropic stop_reason; tool calls imply tool_use. */
export function openAIFinishToAnthropic(
  reason: unknown,
  hasToolCalls: boolean,
): AnthropicStopReason {
  if (reason === 'length') return 'max_tokens'
  if (reason === 'content_filter') return 'refusal'
  // Some local servers (older Ollama, llama.cpp) say "stop" even when the turn is tool calls, and
  // Anthropic clients only run tools after a tool_use stop.
  if (reason === 'tool_calls' || reason === 'function_call' || hasToolCalls) return 'tool_use'
  return 'end_turn'
}

/** Anthropic usage -> OpenAI usage; cache reads and writes count as prompt tokens, as at OpenAI. */
export function anthropicUsageToOpenAI(
  usage: Partial<AnthropicUsage> | null | undefined,
): OpenAIUsage {
  const input = count(usage?.input_tokens)
  const cacheRead = count(usage?.cache_read_input_tokens)
  const cacheCreation = count(usage?.cache_creation_input_tokens)
  const output = count(usage?.output_tokens)
  const prompt = input + cacheRead + cacheCreation
  return {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_creation_tokens: cacheCreation },
  }
}

/** OpenAI usage -> Anthropic usage; cached prompt tokens move out of input_tokens, as at Anthropic. */
export function openAIUsageToAnthropic(
  usage: Partial<OpenAIUsage> | null | undefined,
): AnthropicUsage {
  const details = isObject(usage?.prompt_tokens_details) ? usage.prompt_tokens_details : {}
  const cacheRead = count(details.cached_tokens)
  const cacheCreation = count(details.cache_creation_tokens)
  return {
    input_tokens: Math.max(0, count(usage?.prompt_tokens) - cacheRead - cacheCreation),
    output_tokens: count(usage?.completion_tokens),
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: cacheRead,
  }
}

/** Translates a complete Anthropic Messages response into an OpenAI chat completion. */
export function anthropicResponseToOpenAI(
  res: AnthropicResponse,
  model: string,
): OpenAIChatResponse {
  let text = ''
  let reasoning = ''
  const toolCalls: OpenAIToolCall[] = []
  for (const block of Array.isArray(res.content) ? res.content : []) {
    if (block.type === 'text') text += block.text
    else if (block.type === 'thinking') reasoning += block.thinking
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: stringifyToolInput(block.input) },
      })
    }
  }
  const message: OpenAIChatResponse['choices'][number]['message'] & { reasoning_content?: string } =
    { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text }
  if (toolCalls.length > 0) message.tool_calls = toolCalls
  // The de-facto field (DeepSeek, vLLM, llama.cpp) that OpenAI clients show as reasoning.
  if (reasoning !== '') message.reasoning_content = reasoning
  return {
    id: typeof res.id === 'string' ? res.id : 'chatcmpl-switchboard',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      { index: 0, message, finish_reason: anthropicStopToOpenAI(res.stop_reason) ?? 'stop' },
    ],
    usage: anthropicUsageToOpenAI(res.usage),
  }
}

/** Translates a complete OpenAI chat completion (first choice) into an Anthropic message. */
export function openAIResponseToAnthropic(
  res: OpenAIChatResponse,
  model: string,
  opts: ToAnthropicOptions = {},
): AnthropicResponse {
  const choice = Array.isArray(res.choices) ? res.choices[0] : undefined
  const message = (choice?.message ?? {}) as Record<string, unknown>
  const content: AnthropicResponseBlock[] = []
  const reasoning = reasoningOf(message)
  if (opts.thinking !== false && reasoning !== '') {
    content.push({ type: 'thinking', thinking: reasoning, signature: '' })
  }
  const text = textOf(message.content)
  const refusal = typeof message.refusal === 'string' ? message.refusal : ''
  if (text !== '') content.push({ type: 'text', text })
  else if (refusal !== '') content.push({ type: 'text', text: refusal })
  const toolCalls = Array.isArray(message.tool_calls)
    ? (message.tool_calls as OpenAIToolCall[])
    : []
  toolCalls.forEach((call, i) => {
    content.push({
      type: 'tool_use',
      id: call.id || `toolu_${i}`,
      name: call.function?.name ?? '',
      input: parseToolArguments(call.function?.arguments ?? ''),
    })
  })
  const stop =
    text === '' && refusal !== ''
      ? 'refusal'
      : openAIFinishToAnthropic(choice?.finish_reason, toolCalls.length > 0)
  return {
    id: typeof res.id === 'string' && res.id !== '' ? res.id : 'msg_switchboard',
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: openAIUsageToAnthropic(res.usage),
  }
}

/** Turns whatever an Anthropic upstream sent as an error body into an OpenAI error body. */
export function anthropicErrorToOpenAI(body: unknown, status: number): OpenAIErrorBody {
  const parsed = parseMaybeJson(body)
  const inner = isObject(parsed) && isObject(parsed.error) ? parsed.error : undefined
  const anthropicType =
    typeof inner?.type === 'string' && inner.type !== ''
      ? inner.type
      : anthropicTypeForStatus(status)
  let message = typeof inner?.message === 'string' ? inner.message : ''
  if (message === '' && isObject(parsed)) {
    // Proxies in front of Anthropic answer {"error": "..."} or {"message": "..."}.
    const loose = typeof parsed.error === 'string' ? parsed.error : parsed.message
    if (typeof loose === 'string') message = loose
  }
  if (message === '') message = fallbackMessage(parsed, status)
  return {
    error: {
      message,
      type:
        OPENAI_TYPE_BY_ANTHROPIC_TYPE[anthropicType] ??
        (status >= 500 ? 'server_error' : 'invalid_request_error'),
      // The original type survives as the code so nothing the upstream said is lost.
      code: anthropicType,
      param: null,
    },
  }
}

/** Turns whatever an OpenAI-style upstream sent as an error body into an Anthropic error body. */
export function openAIErrorToAnthropic(body: unknown, status: number): AnthropicErrorBody {
  const parsed = parseMaybeJson(body)
  const error = isObject(parsed) ? parsed.error : undefined
  let message = ''
  let openAIType: unknown
  if (isObject(error)) {
    if (typeof error.message === 'string') message = error.message
    openAIType = error.type
  } else if (typeof error === 'string') message = error // Ollama and llama.cpp: {"error":"..."}
  if (message === '' && isObject(parsed)) {
    // FastAPI-based servers (vLLM) answer {"detail": ...}; others {"message": ...}.
    const detail = parsed.message ?? parsed.detail
    if (typeof detail === 'string') message = detail
    else if (detail !== undefined) message = JSON.stringify(detail)
  }
  if (message === '') message = fallbackMessage(parsed, status)
  const type =
    openAIType === 'insufficient_quota' ? 'billing_error' : anthropicTypeForStatus(status)
  return { type: 'error', error: { type, message } }
}

// ---- helpers

const OPENAI_TYPE_BY_ANTHROPIC_TYPE: Record<string, string> = {
  invalid_request_error: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  authentication_error: 'authentication_error',
  permission_error: 'permission_error',
  not_found_error: 'not_found_error',
  rate_limit_error: 'rate_limit_error',
  billing_error: 'insufficient_quota',
  api_error: 'server_error',
  overloaded_error: 'server_error',
  timeout_error: 'server_error',
}

function anthropicTypeForStatus(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error'
    case 402:
      return 'billing_error'
    case 403:
      return 'permission_error'
    case 404:
      return 'not_found_error'
    case 413:
      return 'request_too_large'
    case 429:
      return 'rate_limit_error'
    case 503:
    case 529:
      return 'overloaded_error'
    case 504:
      return 'timeout_error'
  }
  return status >= 500 ? 'api_error' : 'invalid_request_error'
}

function parseMaybeJson(body: unknown): unknown {
  if (typeof body !== 'string') return body
  const trimmed = body.trim()
  if (!trimmed.startsWith('{')) return trimmed
  try {
    return JSON.parse(trimmed) as unknown
  } catch {
    return trimmed
  }
}

function fallbackMessage(parsed: unknown, status: number): string {
  if (typeof parsed === 'string' && parsed !== '') {
    // An HTML error page or proxy text: short enough to read in an IDE, long enough to diagnose.
    const text = parsed.length > 500 ? `${parsed.slice(0, 500)}…` : parsed
    return `Upstream answered HTTP ${status}: ${text}`
  }
  return `Upstream answered HTTP ${status} without an error message. Check the provider's status and logs.`
}

function reasoningOf(message: Record<string, unknown>): string {
  const value = message.reasoning_content ?? message.reasoning
  return typeof value === 'string' ? value : ''
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  let text = ''
  for (const part of content) {
    if (isObject(part) && part.type === 'text' && typeof part.text === 'string') text += part.text
  }
  return text
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
