import { providerKindInfo, type WireFormat } from '../../../shared/provider-kinds.ts'
import { authHeaders } from '../providers/auth-headers.ts'
import { openAIChatToAnthropic } from '../providers/translate/anthropic-request.ts'
import { openAIChatToOllama } from '../providers/translate/ollama-chat.ts'
import { openAICompletionToOllamaGenerate } from '../providers/translate/ollama-generate.ts'
import type { OpenAIChatRequest } from '../providers/wire/openai.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import {
  clampOutputTokens,
  requestedOutputTokens,
  type OutputClamp,
} from './clamp-output-tokens.ts'
import { completionToChat } from './completion-as-chat.ts'
import { refuseStoredState } from './dialects/openai-responses.ts'
import { spliceJson } from './raw-json.ts'
import { translatedToolsJson } from './tools-json.ts'
import type { InboundRequest } from './inbound.ts'

/** What the upstream speaks back: the shape of its answer, which decides the translation. */
export type UpstreamShape =
  | 'openai-chat'
  | 'openai-completion'
  | 'openai-responses'
  | 'anthropic'
  | 'ollama-chat'
  | 'ollama-generate'

export interface UpstreamPlan {
  url: string
  /** `url` split for undici's dispatcher.request, which skips parsing a URL per request. */
  origin: string
  path: string
  headers: Record<string, string>
  /**
   * JSON, encoded once: the client's bytes spliced when only top-level members changed, else
   * serialised. `headers` carries its content-length.
   */
  body: Buffer
  shape: UpstreamShape
  /**
   * The client's stream carries usage: an OpenAI chat/completions client asked for the usage chunk
   * (we always ask upstream), or a Responses client, whose response.completed always has it.
   */
  clientWantsUsage: boolean
  /** The output-token limit the body asks for (after any clamp), or null when it sets none. */
  outputTokens: number | null
  /** Set when the request asked for more output than the target model allows. */
  clamp: OutputClamp | null
}

/**
 * Builds the upstream HTTP request for one target: the client's request in the target's wire format,
 * its output-token limit lowered to `outputLimit` (the model's, when known).
 */
export function planUpstream(
  inbound: InboundRequest,
  provider: ProviderRecord,
  apiKey: string | null,
  model: string,
  outputLimit: number | null = null,
): UpstreamPlan {
  const wire: WireFormat = providerKindInfo[provider.kind].wireFormat
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: inbound.stream ? 'text/event-stream' : 'application/json',
    ...authHeaders(provider.kind, apiKey),
  }
  const { origin, basePath } = splitEndpoint(provider.endpoint)
  const clientWantsUsage =
    inbound.stream &&
    (inbound.route === 'responses' ||
      (inbound.format === 'openai' && inbound.body.stream_options?.include_usage === true))
  // `sameDialect`: the body is the client's with top-level members changed, so its bytes splice.
  const plan = (
    path: string,
    body: object,
    shape: UpstreamShape,
    sameDialect = false,
    toolsJson: Buffer | null = null,
  ): UpstreamPlan => {
    const clamped =
      outputLimit === null
        ? { body: body as Record<string, unknown>, clamp: null }
        : clampOutputTokens(body as Record<string, unknown>, shape, outputLimit)
    const spliced =
      sameDialect && inbound.raw
        ? spliceJson(inbound.raw, inbound.body as Record<string, unknown>, clamped.body)
        : null
    // Encoded here, not by undici: the body is never kept as a string while the request waits
    // for its answer (long enough to outlive a young-generation GC).
    const bytes = spliced ?? jsonBytes(clamped.body, toolsJson)
    headers['content-length'] = String(bytes.length)
    return {
      url: provider.endpoint + path,
      origin,
      path: basePath + path,
      headers,
      body: bytes,
      shape,
      clientWantsUsage,
      outputTokens: requestedOutputTokens(clamped.body, shape),
      clamp: clamped.clamp,
    }
  }

  if (inbound.route === 'messages' && wire === 'anthropic') {
    // The client's anthropic-* headers (beta flags, version) and query (?beta=true) go along;
    // only anthropic-* names, so never the client's own x-api-key or authorization.
    Object.assign(headers, inbound.passThrough?.headers)
    const path = '/v1/messages' + (inbound.passThrough?.query ?? '')
    return plan(path, { ...inbound.body, model }, 'anthropic', true)
  }
  if (inbound.route === 'responses') {
    // Only OpenAI itself serves the Responses API; it gets the request as the client sent it.
    if (provider.kind === 'openai')
      return plan('/responses', { ...inbound.body, model }, 'openai-responses', true)
    refuseStoredState(inbound.body)
  }
  if (inbound.route === 'completions') {
    if (wire === 'openai')
      return plan(
        '/completions',
        withStreamUsage({ ...inbound.body, model }, inbound.stream),
        'openai-completion',
        true,
      )
    if (wire === 'ollama')
      return plan(
        '/api/generate',
        openAICompletionToOllamaGenerate(inbound.body, model),
        'ollama-generate',
      )
    return plan(
      '/v1/messages',
      openAIChatToAnthropic(completionToChat(inbound.body), model),
      'anthropic',
    )
  }
  const chat: OpenAIChatRequest = inbound.route === 'chat' ? inbound.body : inbound.canonical
  if (wire === 'openai') {
    const translated = inbound.route !== 'chat' && chat.tools !== undefined
    return plan(
      '/chat/completions',
      withStreamUsage(forOpenAIModel(provider.kind, { ...chat, model }), inbound.stream),
      'openai-chat',
      inbound.route === 'chat',
      translated ? translatedToolsJson(inbound, chat.tools) : null,
    )
  }
  if (wire === 'ollama') return plan('/api/chat', openAIChatToOllama(chat, model), 'ollama-chat')
  return plan('/v1/messages', openAIChatToAnthropic(chat, model), 'anthropic')
}

const CLOSE_BRACE = Buffer.from('}')

/** `body` as JSON bytes; its `tools` member, when given already serialised, put in as it is. */
function jsonBytes(body: Record<string, unknown>, toolsJson: Buffer | null): Buffer {
  if (toolsJson === null || body.tools === undefined) return Buffer.from(JSON.stringify(body))
  const { tools: _, ...rest } = body
  const head = JSON.stringify(rest)
  const open = head === '{}' ? '{"tools":' : `${head.slice(0, -1)},"tools":`
  return Buffer.concat([Buffer.from(open), toolsJson, CLOSE_BRACE])
}

/** Anthropic's count_tokens for an Anthropic client's body: the pass-through, on another path. */
export function planAnthropicCountTokens(
  inbound: Extract<InboundRequest, { route: 'messages' }>,
  provider: ProviderRecord,
  apiKey: string | null,
  model: string,
): UpstreamPlan {
  const plan = planUpstream(inbound, provider, apiKey, model)
  const path = '/v1/messages/count_tokens' + (inbound.passThrough?.query ?? '')
  return {
    ...plan,
    url: provider.endpoint + path,
    path: splitEndpoint(provider.endpoint).basePath + path,
  }
}

const endpoints = new Map<string, { origin: string; basePath: string }>()

/** `http://host:port/v1` → origin and base path, parsed once per endpoint. */
function splitEndpoint(endpoint: string): { origin: string; basePath: string } {
  let split = endpoints.get(endpoint)
  if (!split) {
    const url = new URL(endpoint)
    split = { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') }
    endpoints.set(endpoint, split)
  }
  return split
}

// OpenAI's reasoning models refuse `max_tokens` and want `max_completion_tokens`; other
// OpenAI-compatible servers may not know the newer name, so only these get it renamed.
const REASONING_MODEL = /^(o\d|gpt-5)/

/** Renames max_tokens for OpenAI reasoning models (Anthropic clients such as Claude Code send it). */
export function forOpenAIModel(
  kind: ProviderRecord['kind'],
  body: OpenAIChatRequest,
): OpenAIChatRequest {
  if (kind !== 'openai' || body.max_tokens == null || !REASONING_MODEL.test(body.model)) return body
  const { max_tokens, ...rest } = body
  return { ...rest, max_completion_tokens: rest.max_completion_tokens ?? max_tokens }
}

/** Asks OpenAI-compatible upstreams for usage in streams, so every request's tokens are logged. */
function withStreamUsage<T extends { stream_options?: { include_usage?: boolean } | null }>(
  body: T,
  stream: boolean,
): T {
  if (!stream) return body
  return { ...body, stream_options: { ...body.stream_options, include_usage: true } }
}
