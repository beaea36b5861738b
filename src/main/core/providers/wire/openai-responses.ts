// The OpenAI Responses API wire format (`POST /v1/responses`), as Codex CLI and the official SDKs
// speak it. Only the fields Switchboard reads or writes are typed; every object may carry more,
// and native pass-through keeps unknown fields.

export type ResponsesContentPart =
  | { type: 'input_text' | 'output_text'; text: string; [key: string]: unknown }
  | { type: 'refusal'; refusal: string }
  | {
      type: 'input_image'
      image_url?: string | null
      file_id?: string | null
      detail?: 'auto' | 'low' | 'high' | null
    }
  | { type: string; [key: string]: unknown }

export type ResponsesInputItem =
  | {
      type?: 'message'
      role: 'user' | 'assistant' | 'system' | 'developer'
      content: string | ResponsesContentPart[]
      id?: string
      [key: string]: unknown
    }
  | {
      type: 'function_call'
      call_id: string
      name: string
      /** The namespace tool the function belongs to, when it is grouped. */
      namespace?: string
      arguments: string
      id?: string
    }
  | {
      type: 'function_call_output'
      call_id: string
      output: string | ResponsesContentPart[]
      id?: string
    }
  | { type: 'reasoning'; id?: string; summary?: unknown[]; [key: string]: unknown }
  | { type: string; [key: string]: unknown }

export interface ResponsesFunctionTool {
  type: 'function'
  name: string
  description?: string | null
  parameters?: Record<string, unknown> | null
  strict?: boolean | null
}

export type ResponsesTool = ResponsesFunctionTool | { type: string; [key: string]: unknown }

export type ResponsesToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; name: string }
  | { type: string; [key: string]: unknown }

export interface ResponsesTextFormat {
  type: 'text' | 'json_object' | 'json_schema'
  name?: string
  schema?: Record<string, unknown>
  description?: string
  strict?: boolean | null
}

export interface ResponsesRequest {
  model: string
  input: string | ResponsesInputItem[]
  instructions?: string | null
  tools?: ResponsesTool[]
  tool_choice?: ResponsesToolChoice
  parallel_tool_calls?: boolean | null
  max_output_tokens?: number | null
  temperature?: number | null
  top_p?: number | null
  reasoning?: { effort?: string | null; summary?: string | null } | null
  text?: { format?: ResponsesTextFormat; verbosity?: string | null } | null
  store?: boolean | null
  stream?: boolean | null
  previous_response_id?: string | null
  user?: string
  metadata?: Record<string, string> | null
  [key: string]: unknown
}

export interface ResponsesUsage {
  input_tokens: number
  input_tokens_details: { cached_tokens: number }
  output_tokens: number
  output_tokens_details: { reasoning_tokens: number }
  total_tokens: number
}

export interface ResponsesOutputText {
  type: 'output_text'
  text: string
  annotations: unknown[]
  logprobs?: unknown[]
}

export type ResponsesOutputItem =
  | {
      type: 'message'
      id: string
      role: 'assistant'
      status: 'in_progress' | 'completed' | 'incomplete'
      content: (ResponsesOutputText | { type: 'refusal'; refusal: string })[]
    }
  | {
      type: 'function_call'
      id: string
      call_id: string
      name: string
      namespace?: string
      arguments: string
      status: 'in_progress' | 'completed' | 'incomplete'
    }
  | {
      type: 'reasoning'
      id: string
      summary: { type: 'summary_text'; text: string }[]
      content?: { type: 'reasoning_text'; text: string }[]
      status?: 'in_progress' | 'completed' | 'incomplete'
    }

export type ResponsesStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed'

/** The `response` object: the whole JSON answer, and the payload of lifecycle stream events. */
export interface ResponsesResponse {
  id: string
  object: 'response'
  created_at: number
  status: ResponsesStatus
  error: { code: string; message: string } | null
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null
  model: string
  output: ResponsesOutputItem[]
  usage?: ResponsesUsage | null
  [key: string]: unknown
}

/** One server-sent event of a streamed response; `type` is also the SSE event name. */
export interface ResponsesStreamEvent {
  type: string
  sequence_number: number
  [key: string]: unknown
}
