// The Anthropic Messages wire format (POST /v1/messages), as far as Switchboard reads or writes
// it. Every object may carry more keys (cache_control, citations, new fields the API adds later):
// the index signatures keep them legal so a pass-through never has to strip them.

export type AnthropicCacheControl = { type: 'ephemeral'; ttl?: string; [key: string]: unknown }

export interface AnthropicTextBlock {
  type: 'text'
  text: string
  cache_control?: AnthropicCacheControl | null
  [key: string]: unknown
}

export type AnthropicImageSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string }
  | { type: 'file'; file_id: string }

export interface AnthropicImageBlock {
  type: 'image'
  source: AnthropicImageSource
  cache_control?: AnthropicCacheControl | null
  [key: string]: unknown
}

/** PDFs and plain-text documents; only the `text` source survives translation to OpenAI. */
export interface AnthropicDocumentBlock {
  type: 'document'
  source: { type: string; data?: string; media_type?: string; url?: string; [key: string]: unknown }
  title?: string | null
  [key: string]: unknown
}

export interface AnthropicToolUseBlock {
  type: 'tool_use'
  id: string
  name: string
  input: Record<string, unknown>
  [key: string]: unknown
}

export interface AnthropicToolResultBlock {
  type: 'tool_result'
  tool_use_id: string
  content?: string | (AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock)[]
  is_error?: boolean
  cache_control?: AnthropicCacheControl | null
  [key: string]: unknown
}

export interface AnthropicThinkingBlock {
  type: 'thinking'
  thinking: string
  signature: string
  [key: string]: unknown
}

export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking'
  data: string
  [key: string]: unknown
}

/** Blocks the model itself produces (response content, and assistant turns sent back). */
export type AnthropicResponseBlock =
  | AnthropicTextBlock
  | AnthropicToolUseBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock

/** Any block a request message may carry. */
export type AnthropicContentBlock =
  AnthropicResponseBlock | AnthropicImageBlock | AnthropicDocumentBlock | AnthropicToolResultBlock

export interface AnthropicMessage {
  /** `system` mid-conversation is a beta (Claude Code sends its environment block that way). */
  role: 'user' | 'assistant' | 'system'
  content: string | AnthropicContentBlock[]
  /** System messages only: `next_user_message` hides it once a later user message exists. */
  clear_at?: 'next_user_message' | 'never' | null
  [key: string]: unknown
}

/** A client tool (`type` absent or `custom`); server tools carry another `type` and no schema. */
export interface AnthropicTool {
  type?: string
  name: string
  description?: string
  input_schema?: Record<string, unknown>
  cache_control?: AnthropicCacheControl | null
  [key: string]: unknown
}

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' }

export interface AnthropicRequest {
  model: string
  messages: AnthropicMessage[]
  max_tokens: number
  system?: string | AnthropicTextBlock[]
  metadata?: { user_id?: string | null; [key: string]: unknown }
  stop_sequences?: string[]
  stream?: boolean
  temperature?: number
  top_p?: number
  top_k?: number
  tools?: AnthropicTool[]
  tool_choice?: AnthropicToolChoice
  thinking?: { type: string; budget_tokens?: number; [key: string]: unknown }
  [key: string]: unknown
}

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded'

export interface AnthropicUsage {
  input_tokens: number
  output_tokens: number
  cache_creation_input_tokens?: number | null
  cache_read_input_tokens?: number | null
  [key: string]: unknown
}

export interface AnthropicResponse {
  id: string
  type: 'message'
  role: 'assistant'
  model: string
  content: AnthropicResponseBlock[]
  stop_reason: AnthropicStopReason | null
  stop_sequence: string | null
  usage: AnthropicUsage
  [key: string]: unknown
}

export interface AnthropicErrorBody {
  type: 'error'
  error: { type: string; message: string }
  [key: string]: unknown
}

export type AnthropicBlockDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }

export interface AnthropicMessageStartEvent {
  type: 'message_start'
  message: AnthropicResponse
}

export interface AnthropicContentBlockStartEvent {
  type: 'content_block_start'
  index: number
  content_block: AnthropicResponseBlock
}

export interface AnthropicContentBlockDeltaEvent {
  type: 'content_block_delta'
  index: number
  delta: AnthropicBlockDelta
}

export interface AnthropicContentBlockStopEvent {
  type: 'content_block_stop'
  index: number
}

/** `usage` here is cumulative for the whole message, not an increment. */
export interface AnthropicMessageDeltaEvent {
  type: 'message_delta'
  delta: { stop_reason: AnthropicStopReason | null; stop_sequence: string | null }
  usage: {
    output_tokens: number
    input_tokens?: number | null
    cache_creation_input_tokens?: number | null
    cache_read_input_tokens?: number | null
    [key: string]: unknown
  }
}

export interface AnthropicMessageStopEvent {
  type: 'message_stop'
}

export interface AnthropicPingEvent {
  type: 'ping'
}

export type AnthropicStreamEvent =
  | AnthropicMessageStartEvent
  | AnthropicContentBlockStartEvent
  | AnthropicContentBlockDeltaEvent
  | AnthropicContentBlockStopEvent
  | AnthropicMessageDeltaEvent
  | AnthropicMessageStopEvent
  | AnthropicPingEvent
  | AnthropicErrorBody
