import { anthropicResponseToOpenAI } from '../providers/translate/anthropic-response.ts'
import { ollamaChatToOpenAI } from '../providers/translate/ollama-chat.ts'
import { ollamaGenerateToOpenAICompletion } from '../providers/translate/ollama-generate.ts'
import type { AnthropicResponse } from '../providers/wire/anthropic.ts'
import type { OllamaChatResponse, OllamaGenerateResponse } from '../providers/wire/ollama.ts'
import type { OpenAIChatResponse, OpenAICompletionResponse } from '../providers/wire/openai.ts'
import type { UpstreamShape } from './upstream-plan.ts'

/** Token counts for the log; `input` includes prompt-cache reads, which `cacheRead` counts apart. */
export interface Usage {
  input: number
  output: number
  cacheRead?: number
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

/** A whole answer in OpenAI terms: every dialect's answer is made from one of these. */
export type OpenAIAnswer = OpenAIChatResponse | OpenAICompletionResponse

/** Translates a whole (non-stream) upstream answer into OpenAI chat, or legacy completion, terms. */
export function upstreamJsonToOpenAI(
  shape: UpstreamShape,
  json: unknown,
  model: string,
): OpenAIAnswer {
  if (shape === 'ollama-generate')
    return ollamaGenerateToOpenAICompletion(json as OllamaGenerateResponse, model)
  if (shape === 'anthropic') return anthropicResponseToOpenAI(json as AnthropicResponse, model)
  if (shape === 'ollama-chat') return ollamaChatToOpenAI(json as OllamaChatResponse, model)
  return json as OpenAIAnswer
}

/** Token usage of an OpenAI answer; cached prompt tokens are in `prompt_tokens_details.cached_tokens`. */
export function openAIUsage(
  usage:
    | { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: unknown }
    | null
    | undefined,
): Usage | null {
  if (!usage || typeof usage.prompt_tokens !== 'number') return null
  const details = usage.prompt_tokens_details as { cached_tokens?: unknown } | null | undefined
  return {
    input: usage.prompt_tokens,
    output: usage.completion_tokens ?? 0,
    cacheRead: count(details?.cached_tokens),
  }
}

/** Token usage of an Anthropic answer, cache reads and writes counted as input. */
export function anthropicUsage(res: AnthropicResponse): Usage | null {
  const u = res?.usage
  if (!u || typeof u.input_tokens !== 'number') return null
  return {
    input: u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0),
    output: u.output_tokens ?? 0,
    cacheRead: count(u.cache_read_input_tokens),
  }
}
