import {
  anthropicResponseToOpenAI,
  openAIResponseToAnthropic,
} from '../providers/translate/anthropic-response.ts'
import { ollamaChatToOpenAI } from '../providers/translate/ollama-chat.ts'
import { ollamaGenerateToOpenAICompletion } from '../providers/translate/ollama-generate.ts'
import type { AnthropicResponse } from '../providers/wire/anthropic.ts'
import type { OllamaChatResponse, OllamaGenerateResponse } from '../providers/wire/ollama.ts'
import type { OpenAIChatResponse, OpenAICompletionResponse } from '../providers/wire/openai.ts'
import { chatResponseToCompletion } from './completion-as-chat.ts'
import type { InboundRequest } from './inbound.ts'
import type { UpstreamShape } from './upstream-plan.ts'

export interface Usage {
  input: number
  output: number
}

/** Translates a whole (non-stream) upstream answer into the client's format, with its token usage. */
export function relayJson(
  shape: UpstreamShape,
  route: InboundRequest['route'],
  json: unknown,
  model: string,
): { body: unknown; usage: Usage | null } {
  if (shape === 'anthropic' && route === 'messages')
    return { body: json, usage: anthropicUsage(json as AnthropicResponse) }
  if (shape === 'openai-completion' || shape === 'ollama-generate') {
    const completion =
      shape === 'ollama-generate'
        ? ollamaGenerateToOpenAICompletion(json as OllamaGenerateResponse, model)
        : (json as OpenAICompletionResponse)
    return { body: completion, usage: openAIUsage(completion.usage) }
  }
  const chat: OpenAIChatResponse =
    shape === 'anthropic'
      ? anthropicResponseToOpenAI(json as AnthropicResponse, model)
      : shape === 'ollama-chat'
        ? ollamaChatToOpenAI(json as OllamaChatResponse, model)
        : (json as OpenAIChatResponse)
  const usage = openAIUsage(chat.usage)
  if (route === 'messages') return { body: openAIResponseToAnthropic(chat, model), usage }
  if (route === 'completions') return { body: chatResponseToCompletion(chat), usage }
  return { body: chat, usage }
}

export function openAIUsage(
  usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined,
): Usage | null {
  if (!usage || typeof usage.prompt_tokens !== 'number') return null
  return { input: usage.prompt_tokens, output: usage.completion_tokens ?? 0 }
}

function anthropicUsage(res: AnthropicResponse): Usage | null {
  const u = res?.usage
  if (!u || typeof u.input_tokens !== 'number') return null
  return {
    input: u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0),
    output: u.output_tokens ?? 0,
  }
}
