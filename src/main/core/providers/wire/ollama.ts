// Ollama's native wire format (POST /api/chat and POST /api/generate, docs/api.md). Only the
// fields Switchboard reads or writes are typed. Streaming answers are NDJSON: one object per line,
// `done: false` partials, then one `done: true` object with done_reason and token counts; an
// error mid-stream arrives as a bare `{"error": "..."}` line (the HTTP status stays 200).

/** Runtime model parameters (Modelfile PARAMETERs) accepted per request in `options`. */
export interface OllamaOptions {
  temperature?: number
  top_p?: number
  top_k?: number
  min_p?: number
  typical_p?: number
  num_predict?: number
  num_ctx?: number
  num_keep?: number
  stop?: string[]
  seed?: number
  repeat_penalty?: number
  repeat_last_n?: number
  presence_penalty?: number
  frequency_penalty?: number
  [key: string]: unknown
}

/** `json` for JSON mode, or a JSON schema for structured outputs. */
export type OllamaFormat = 'json' | Record<string, unknown>

/** Thinking models: on/off, or a level (levels only for gpt-oss style models). */
export type OllamaThink = boolean | 'low' | 'medium' | 'high'

/** A tool call the model made. Unlike OpenAI, `arguments` is an object, not a JSON string. */
export interface OllamaToolCall {
  // Newer servers may send an id; the documented format has none.
  id?: string
  function: { index?: number; name: string; arguments: Record<string, unknown> }
}

export interface OllamaTool {
  type: 'function'
  function: { name: string; description?: string; parameters?: Record<string, unknown> }
}

export interface OllamaChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool'
  content: string
  /** Thinking models: the reasoning, kept apart from `content`. */
  thinking?: string
  /** Base64-encoded images, no `data:` prefix. */
  images?: string[] | null
  tool_calls?: OllamaToolCall[]
  /** On a `tool` message: which tool produced this result (Ollama has no call ids). */
  tool_name?: string
}

export interface OllamaChatRequest {
  model: string
  messages: OllamaChatMessage[]
  tools?: OllamaTool[]
  format?: OllamaFormat
  options?: OllamaOptions
  // Required here on purpose: Ollama streams unless told `false`.
  stream: boolean
  think?: OllamaThink
  keep_alive?: string | number
}

/** Timings (nanoseconds) and token counts on the final object. */
export interface OllamaMetrics {
  total_duration?: number
  load_duration?: number
  /** Tokens in the prompt; may be absent when the whole prompt came from the cache. */
  prompt_eval_count?: number
  prompt_eval_duration?: number
  /** Tokens generated. */
  eval_count?: number
  eval_duration?: number
}

/** `stop`, `length`, and `load`/`unload` for the model-management calls; others may appear. */
export type OllamaDoneReason = 'stop' | 'length' | 'load' | 'unload' | (string & {})

/** A non-streamed /api/chat answer, and the shape of every streamed line. */
export interface OllamaChatResponse extends OllamaMetrics {
  model: string
  created_at: string
  message: OllamaChatMessage
  done: boolean
  done_reason?: OllamaDoneReason
}

/** One NDJSON line of a streamed /api/chat answer (the final line may omit `message`). */
export type OllamaChatStreamObject =
  (Omit<OllamaChatResponse, 'message'> & { message?: OllamaChatMessage }) | OllamaErrorBody

export interface OllamaGenerateRequest {
  model: string
  prompt: string
  /** Text after the insertion point (fill-in-the-middle); needs a model whose template has one. */
  suffix?: string
  system?: string
  template?: string
  /** No prompt template at all; Ollama rejects it together with system, template or context. */
  raw?: boolean
  images?: string[]
  format?: OllamaFormat
  options?: OllamaOptions
  stream: boolean
  think?: OllamaThink
  keep_alive?: string | number
  /** Deprecated conversational memory from an earlier /api/generate answer. */
  context?: number[]
}

/** A non-streamed /api/generate answer, and the shape of every streamed line. */
export interface OllamaGenerateResponse extends OllamaMetrics {
  model: string
  created_at: string
  response: string
  thinking?: string
  done: boolean
  done_reason?: OllamaDoneReason
  context?: number[]
}

/** One NDJSON line of a streamed /api/generate answer. */
export type OllamaGenerateStreamObject = OllamaGenerateResponse | OllamaErrorBody

/** Ollama's error body, both as an HTTP answer and as a mid-stream line. */
export interface OllamaErrorBody {
  error: string
}
