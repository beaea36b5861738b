import type {
  OpenAIChatChunk,
  OpenAIChatRequest,
  OpenAIChatResponse,
  OpenAICompletionChunk,
  OpenAICompletionRequest,
  OpenAICompletionResponse,
} from '../providers/wire/openai.ts'

// Targets without a completions API (Anthropic) get fill-in-the-middle as a chat turn. Lossy:
// the model sees an instruction instead of raw FIM tokens, and logprobs/echo/best_of are dropped.

const FIM_INSTRUCTION =
  'You complete code. Reply with only the code that belongs at <CURSOR/>: no explanation, no fences, nothing that is already before or after it.'

/** A legacy completion (prompt + optional suffix) as a chat request. */
export function completionToChat(req: OpenAICompletionRequest): OpenAIChatRequest {
  const prompt = Array.isArray(req.prompt) ? (req.prompt[0] ?? '') : req.prompt
  const suffix = typeof req.suffix === 'string' ? req.suffix : ''
  const chat: OpenAIChatRequest = {
    model: req.model,
    messages: suffix
      ? [
          { role: 'system', content: FIM_INSTRUCTION },
          { role: 'user', content: `${prompt}<CURSOR/>${suffix}` },
        ]
      : [{ role: 'user', content: prompt }],
    stream: req.stream,
  }
  if (req.max_tokens != null) chat.max_tokens = req.max_tokens
  if (req.temperature != null) chat.temperature = req.temperature
  if (req.top_p != null) chat.top_p = req.top_p
  if (req.stop != null) chat.stop = req.stop
  return chat
}

/** A chat answer as a legacy completion answer. */
export function chatResponseToCompletion(res: OpenAIChatResponse): OpenAICompletionResponse {
  const out: OpenAICompletionResponse = {
    id: res.id,
    object: 'text_completion',
    created: res.created,
    model: res.model,
    choices: res.choices.map((c) => ({
      index: c.index,
      text: c.message.content ?? '',
      finish_reason: c.finish_reason,
      logprobs: null,
    })),
  }
  if (res.usage) out.usage = res.usage
  return out
}

/** A chat stream chunk as a legacy completion chunk. */
export function chatChunkToCompletion(chunk: OpenAIChatChunk): OpenAICompletionChunk {
  const out: OpenAICompletionChunk = {
    id: chunk.id,
    object: 'text_completion',
    created: chunk.created,
    model: chunk.model,
    choices: chunk.choices.map((c) => ({
      index: c.index,
      text: c.delta.content ?? '',
      finish_reason: c.finish_reason,
      logprobs: null,
    })),
  }
  if (chunk.usage) out.usage = chunk.usage
  return out
}
