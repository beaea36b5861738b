// OpenAI chat answers as OpenAI Responses answers, for Responses clients (Codex CLI) served by a
// target that speaks chat, Anthropic or Ollama. Pure apart from the generated ids. Every choice
// that drops information is listed in docs/translation.md.

import { randomBytes } from 'node:crypto'
import type { OpenAIChatResponse, OpenAIFinishReason, OpenAIUsage } from '../wire/openai.ts'
import type {
  ResponsesOutputItem,
  ResponsesRequest,
  ResponsesResponse,
  ResponsesStatus,
  ResponsesUsage,
} from '../wire/openai-responses.ts'
import { namespacedToolNames, responsesCallName } from './responses-namespaces.ts'

// Random bytes are drawn 4 KB at a time: randomBytes(12) on every id cost 4.5 µs, a slice of the
// pool 0.13 µs, and a Responses answer takes two ids or more.
const ID_BYTES = 12
let pool = Buffer.alloc(0)
let taken = 0

/** An id in OpenAI's style: `resp_…`, `msg_…`, `fc_…`, `rs_…`. */
export function responsesId(prefix: 'resp' | 'msg' | 'fc' | 'rs'): string {
  if (taken + ID_BYTES > pool.length) {
    pool = randomBytes(4096)
    taken = 0
  }
  taken += ID_BYTES
  return `${prefix}_${pool.toString('hex', taken - ID_BYTES, taken)}`
}

/** The response object around the output: the request's settings echoed as OpenAI does. */
export function responseShell(
  req: ResponsesRequest,
  model: string,
  id: string,
  createdAt: number,
): ResponsesResponse {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: req.instructions ?? null,
    max_output_tokens: req.max_output_tokens ?? null,
    metadata: req.metadata ?? {},
    model,
    output: [],
    parallel_tool_calls: req.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: req.reasoning ?? null,
    store: req.store ?? true,
    temperature: req.temperature ?? null,
    text: req.text ?? { format: { type: 'text' } },
    tool_choice: req.tool_choice ?? 'auto',
    tools: Array.isArray(req.tools) ? req.tools : [],
    top_p: req.top_p ?? null,
    truncation: 'disabled',
    usage: null,
    user: req.user ?? null,
  }
}

/** Chat usage in Responses terms (cached and reasoning tokens kept when the upstream said them). */
export function responsesUsage(usage: OpenAIUsage | null | undefined): ResponsesUsage | null {
  if (!usage || typeof usage.prompt_tokens !== 'number') return null
  const details = (key: string, field: string): number => {
    const value = (usage[key] as Record<string, unknown> | undefined)?.[field]
    return typeof value === 'number' ? value : 0
  }
  const output = usage.completion_tokens ?? 0
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: details('prompt_tokens_details', 'cached_tokens') },
    output_tokens: output,
    output_tokens_details: {
      reasoning_tokens: details('completion_tokens_details', 'reasoning_tokens'),
    },
    total_tokens: usage.total_tokens ?? usage.prompt_tokens + output,
  }
}

/** How a chat finish reason ends a response. */
export function responseEnding(
  finish: OpenAIFinishReason | null,
): Pick<ResponsesResponse, 'status' | 'incomplete_details'> {
  if (finish === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }
  if (finish === 'content_filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } }
  return { status: 'completed' as ResponsesStatus, incomplete_details: null }
}

/** Translates a whole chat answer into a Responses answer to `req`. */
export function openAIChatToResponses(
  res: OpenAIChatResponse,
  req: ResponsesRequest,
  model: string,
): ResponsesResponse {
  const choice = res.choices[0]
  const message = (choice?.message ?? {}) as OpenAIChatResponse['choices'][number]['message'] & {
    reasoning_content?: unknown
    reasoning?: unknown
  }
  const output: ResponsesOutputItem[] = []
  const reasoning = message.reasoning_content ?? message.reasoning
  if (typeof reasoning === 'string' && reasoning !== '') {
    output.push({
      type: 'reasoning',
      id: responsesId('rs'),
      summary: [],
      content: [{ type: 'reasoning_text', text: reasoning }],
      status: 'completed',
    })
  }
  const ending = responseEnding(choice?.finish_reason ?? null)
  const text = typeof message.content === 'string' ? message.content : ''
  if (text !== '' || message.refusal) {
    output.push({
      type: 'message',
      id: responsesId('msg'),
      role: 'assistant',
      status: ending.status === 'incomplete' ? 'incomplete' : 'completed',
      content: message.refusal
        ? [{ type: 'refusal', refusal: message.refusal }]
        : [{ type: 'output_text', text, annotations: [], logprobs: [] }],
    })
  }
  const grouped = namespacedToolNames(req.tools)
  for (const call of message.tool_calls ?? []) {
    output.push({
      type: 'function_call',
      id: responsesId('fc'),
      call_id: call.id,
      ...responsesCallName(call.function.name, grouped),
      arguments: call.function.arguments,
      status: 'completed',
    })
  }
  return {
    ...responseShell(req, model, responsesId('resp'), res.created ?? Math.floor(Date.now() / 1000)),
    ...ending,
    output,
    usage: responsesUsage(res.usage),
  }
}
