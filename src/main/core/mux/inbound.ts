import type { AnthropicRequest } from '../providers/wire/anthropic.ts'
import type { OpenAIChatRequest, OpenAICompletionRequest } from '../providers/wire/openai.ts'
import type { ResponsesRequest } from '../providers/wire/openai-responses.ts'
import type { AnthropicPassThrough } from './anthropic-pass-through.ts'
import { dialectFor } from './dialects/index.ts'
import { invalid } from './dialects/validate.ts'
import type { RawJson } from './raw-json.ts'

/** A validated request from a client, with the OpenAI-shaped form the rules read. */
export type InboundRequest = (
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
  | {
      route: 'responses'
      format: 'openai'
      body: ResponsesRequest
      canonical: OpenAIChatRequest
      model: string
      stream: boolean
    }
) & {
  /** The bytes `body` was parsed from; set by the proxy, spliced for a same-dialect upstream. */
  raw?: RawJson
}

function requireObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    invalid('The request body must be a JSON object.', 'body')
  return body as Record<string, unknown>
}

/** Checks what routing and translation rely on; everything else passes through untouched. */
export function parseInbound(route: InboundRequest['route'], raw: unknown): InboundRequest {
  return dialectFor(route).parse(requireObject(raw))
}
