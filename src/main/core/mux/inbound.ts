import { SwitchboardError } from '../../../shared/errors.ts'
import type { AnthropicRequest } from '../providers/wire/anthropic.ts'
import type { OpenAIChatRequest, OpenAICompletionRequest } from '../providers/wire/openai.ts'
import { anthropicToOpenAIChat } from '../providers/translate/anthropic-request.ts'
import type { AnthropicPassThrough } from './anthropic-pass-through.ts'

/** A validated request from a client, with the OpenAI-shaped form the rules read. */
export type InboundRequest =
  | { route: 'chat'; format: 'openai'; body: OpenAIChatRequest; model: string; stream: boolean }
  | {
      route: 'completions'
      format: 'openai'
      body: OpenAICompletionRequest
      model: string
      stream: boolean
    }
  | {
      route: 'messages'
      format: 'anthropic'
      body: AnthropicRequest
      canonical: OpenAIChatRequest
      model: string
      stream: boolean
      /** Set by the proxy from the HTTP request; what an Anthropic target receives unchanged. */
      passThrough?: AnthropicPassThrough
    }

function invalid(message: string, param: string): never {
  throw new SwitchboardError('invalid_request', message, { param })
}

function requireObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    invalid('The request body must be a JSON object.', 'body')
  return body as Record<string, unknown>
}

function common(body: Record<string, unknown>): { model: string; stream: boolean } {
  if (body.model !== undefined && typeof body.model !== 'string')
    invalid('"model" must be a string, e.g. "switchboard".', 'model')
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean')
    invalid('"stream" must be true or false.', 'stream')
  return {
    model: (body.model as string | undefined) ?? 'switchboard',
    stream: body.stream === true,
  }
}

function requireMessages(body: Record<string, unknown>): void {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    invalid('"messages" must be a non-empty array of {role, content} objects.', 'messages')
  }
  body.messages.forEach((m, i) => {
    if (m === null || typeof m !== 'object' || typeof (m as { role?: unknown }).role !== 'string') {
      invalid(`messages[${i}] must be an object with a "role".`, `messages[${i}].role`)
    }
  })
}

/** Checks what routing and translation rely on; everything else passes through untouched. */
export function parseInbound(route: InboundRequest['route'], raw: unknown): InboundRequest {
  const body = requireObject(raw)
  const { model, stream } = common(body)
  if (route === 'chat') {
    requireMessages(body)
    return { route, format: 'openai', body: body as OpenAIChatRequest, model, stream }
  }
  if (route === 'completions') {
    const prompt = body.prompt
    if (
      typeof prompt !== 'string' &&
      !(Array.isArray(prompt) && prompt.every((p) => typeof p === 'string'))
    ) {
      invalid('"prompt" must be a string (or an array of strings).', 'prompt')
    }
    if (body.suffix !== undefined && body.suffix !== null && typeof body.suffix !== 'string')
      invalid('"suffix" must be a string.', 'suffix')
    return { route, format: 'openai', body: body as OpenAICompletionRequest, model, stream }
  }
  requireMessages(body)
  if (body.max_tokens !== undefined && typeof body.max_tokens !== 'number')
    invalid('"max_tokens" must be a number.', 'max_tokens')
  const anthropic = body as unknown as AnthropicRequest
  return {
    route,
    format: 'anthropic',
    body: anthropic,
    canonical: anthropicToOpenAIChat(anthropic),
    model,
    stream,
  }
}
