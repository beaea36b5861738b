// The OpenAI Chat Completions and legacy Completions wire format: Switchboard's internal lingua
// franca. Only the fields Switchboard reads or writes are typed; every object may carry more,
// and pass-through keeps unknown fields.

export type OpenAIContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: string; [key: string]: unknown }

export interface OpenAIToolCall {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

export type OpenAIMessage =
  | { role: 'system' | 'developer'; content: string | OpenAIContentPart[]; name?: string }
  | { role: 'user'; content: string | OpenAIContentPart[]; name?: string }
  | {
      role: 'assistant'
      content?: string | OpenAIContentPart[] | null
      tool_calls?: OpenAIToolCall[]
      name?: string
    }
  | { role: 'tool'; content: string | OpenAIContentPart[]; tool_call_id: string }

export interface OpenAITool {
  type: 'function'
  function: {
    name: string
    description?: string
    parameters?: Record<string, unknown>
    strict?: boolean
  }
}

export type OpenAIToolChoice =
  'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } }

export interface OpenAIChatRequest {
  model: string
  messages: OpenAIMessage[]
  stream?: boolean
  stream_options?: { include_usage?: boolean } | null
  temperature?: number | null
  top_p?: number | null
  max_tokens?: number | null
  max_completion_tokens?: number | null
  stop?: string | string[] | null
  tools?: OpenAITool[]
  tool_choice?: OpenAIToolChoice
  parallel_tool_calls?: boolean
  user?: string
  [key: string]: unknown
}

export type OpenAIFinishReason =
  'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call'

export interface OpenAIUsage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  [key: string]: unknown
}

export interface OpenAIChatResponse {
  id: string
  object: 'chat.completion'
  created: number
  model: string
  choices: {
    index: number
    message: {
      role: 'assistant'
      content: string | null
      tool_calls?: OpenAIToolCall[]
      refusal?: string | null
    }
    finish_reason: OpenAIFinishReason | null
    logprobs?: unknown
  }[]
  usage?: OpenAIUsage
  [key: string]: unknown
}

/** One `data:` payload of a streamed chat completion. */
export interface OpenAIChatChunk {
  id: string
  object: 'chat.completion.chunk'
  created: number
  model: string
  choices: {
    index: number
    delta: {
      role?: 'assistant'
      content?: string | null
      tool_calls?: {
        index: number
        id?: string
        type?: 'function'
        function?: { name?: string; arguments?: string }
      }[]
    }
    finish_reason: OpenAIFinishReason | null
    logprobs?: unknown
  }[]
  usage?: OpenAIUsage | null
  [key: string]: unknown
}

/** Legacy completions, used by fill-in-the-middle clients (`prompt` + optional `suffix`). */
export interface OpenAICompletionRequest {
  model: string
  prompt: string | string[]
  suffix?: string | null
  stream?: boolean
  stream_options?: { include_usage?: boolean } | null
  max_tokens?: number | null
  temperature?: number | null
  top_p?: number | null
  stop?: string | string[] | null
  [key: string]: unknown
}

export interface OpenAICompletionResponse {
  id: string
  object: 'text_completion'
  created: number
  model: string
  choices: {
    index: number
    text: string
    finish_reason: OpenAIFinishReason | null
    logprobs?: unknown
  }[]
  usage?: OpenAIUsage
  [key: string]: unknown
}

/** One `data:` payload of a streamed legacy completion. */
export interface OpenAICompletionChunk {
  id: string
  object: 'text_completion'
  created: number
  model: string
  choices: {
    index: number
    text: string
    finish_reason: OpenAIFinishReason | null
    logprobs: unknown
  }[]
  usage?: OpenAIUsage | null
  [key: string]: unknown
}

export interface OpenAIErrorBody {
  error: { message: string; type: string; code?: string | null; param?: string | null }
}
