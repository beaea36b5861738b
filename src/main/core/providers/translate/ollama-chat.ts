// OpenAI Chat Completions <-> Ollama /api/chat. Pure functions: the hot path does the I/O.
// Every mapping that loses information is listed in docs/translation.md ("Ollama").

import { randomUUID } from 'node:crypto'
import type {
  OpenAIChatChunk,
  OpenAIChatRequest,
  OpenAIChatResponse,
  OpenAICompletionRequest,
  OpenAIContentPart,
  OpenAIErrorBody,
  OpenAIFinishReason,
  OpenAIMessage,
  OpenAIToolCall,
  OpenAIUsage,
} from '../wire/openai.ts'
import type {
  OllamaChatMessage,
  OllamaChatRequest,
  OllamaChatResponse,
  OllamaChatStreamObject,
  OllamaErrorBody,
  OllamaFormat,
  OllamaMetrics,
  OllamaOptions,
  OllamaTool,
  OllamaToolCall,
} from '../wire/ollama.ts'

/** A request Ollama cannot express; the caller answers 400 with this message. */
export class OllamaTranslationError extends Error {
  readonly status = 400
  readonly param: string
  constructor(message: string, param: string) {
    super(message)
    this.name = 'OllamaTranslationError'
    this.param = param
  }
}

/** Either a chunk to forward or an error the caller ends the stream with. */
export type OllamaChatStreamOutput = OpenAIChatChunk | OpenAIErrorBody

export interface OllamaChatToOpenAIStream {
  /** Translates one parsed NDJSON line. */
  push(obj: OllamaChatStreamObject): OllamaChatStreamOutput[]
  /** Call when the upstream body ended; an error if Ollama never said `done`. */
  finish(): OllamaChatStreamOutput[]
  /** Token counts once the final object arrived, else null. */
  usage(): { input: number; output: number } | null
}

type ChunkDelta = OpenAIChatChunk['choices'][number]['delta'] & { reasoning_content?: string }
type ResponseMessage = OpenAIChatResponse['choices'][number]['message'] & {
  reasoning_content?: string
}

/** Translates an OpenAI chat request into an Ollama /api/chat request for `model`. */
export function openAIChatToOllama(req: OpenAIChatRequest, model: string): OllamaChatRequest {
  const out: OllamaChatRequest = {
    model,
    messages: messagesToOllama(req.messages),
    // Explicit: Ollama streams when `stream` is missing, OpenAI does not.
    stream: req.stream === true,
  }
  const tools = toolsToOllama(req)
  if (tools) out.tools = tools
  const format = formatFromResponseFormat(req.response_format)
  if (format !== undefined) out.format = format
  const options = ollamaOptionsFromOpenAI(req)
  if (options) out.options = options
  return out
}

/** Translates a non-streamed Ollama /api/chat answer into an OpenAI chat completion. */
export function ollamaChatToOpenAI(res: OllamaChatResponse, model: string): OpenAIChatResponse {
  const msg: Partial<OllamaChatMessage> = res.message ?? {}
  const toolCalls = (msg.tool_calls ?? []).map(toolCallToOpenAI)
  const content = msg.content ?? ''
  const message: ResponseMessage = {
    role: 'assistant',
    // OpenAI sends null, not '', when the answer is only tool calls.
    content: content === '' && toolCalls.length > 0 ? null : content,
  }
  if (toolCalls.length > 0) message.tool_calls = toolCalls
  if (msg.thinking) message.reasoning_content = msg.thinking
  return {
    id: `chatcmpl-${randomId()}`,
    object: 'chat.completion',
    created: ollamaCreatedSeconds(res.created_at),
    model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: ollamaFinishReason(res.done_reason, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    usage: ollamaUsageToOpenAI(res),
  }
}

/** Creates a translator from Ollama /api/chat NDJSON objects to OpenAI chat chunks. */
export function createOllamaChatToOpenAIStream(opts: {
  model: string
  includeUsage: boolean
}): OllamaChatToOpenAIStream {
  const id = `chatcmpl-${randomId()}`
  let created = 0
  let started = false
  let ended = false
  let toolIndex = 0
  let usage: { input: number; output: number } | null = null

  const chunk = (delta: ChunkDelta, finishReason: OpenAIFinishReason | null): OpenAIChatChunk => {
    const c: OpenAIChatChunk = {
      id,
      object: 'chat.completion.chunk',
      created,
      model: opts.model,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    }
    // OpenAI marks every non-final chunk with usage: null once usage was asked for.
    if (opts.includeUsage) c.usage = null
    return c
  }

  return {
    push(obj) {
      if (ended) return []
      if (isOllamaError(obj)) {
        ended = true
        return [ollamaStreamErrorToOpenAI(obj.error)]
      }
      const out: OllamaChatStreamOutput[] = []
      const msg = obj.message
      const content = typeof msg?.content === 'string' ? msg.content : ''
      const thinking = typeof msg?.thinking === 'string' ? msg.thinking : ''
      if (!started) {
        started = true
        created = ollamaCreatedSeconds(obj.created_at)
        // The first chunk always carries the role, even when empty, so clients see a start.
        const delta: ChunkDelta = { role: 'assistant', content }
        if (thinking) delta.reasoning_content = thinking
        out.push(chunk(delta, null))
      } else if (content || thinking) {
        const delta: ChunkDelta = {}
        if (content) delta.content = content
        if (thinking) delta.reasoning_content = thinking
        out.push(chunk(delta, null))
      }
      // Ollama sends each tool call whole, so each becomes one complete delta.
      for (const call of msg?.tool_calls ?? []) {
        const c = toolCallToOpenAI(call)
        out.push(chunk({ tool_calls: [{ index: toolIndex++, ...c }] }, null))
      }
      if (obj.done) {
        ended = true
        const u = ollamaUsageToOpenAI(obj)
        usage = { input: u.prompt_tokens, output: u.completion_tokens }
        out.push(chunk({}, ollamaFinishReason(obj.done_reason, toolIndex > 0)))
        if (opts.includeUsage) {
          out.push({
            id,
            object: 'chat.completion.chunk',
            created,
            model: opts.model,
            choices: [],
            usage: u,
          })
        }
      }
      return out
    },
    finish() {
      if (ended) return []
      ended = true
      return [
        ollamaStreamErrorToOpenAI(
          'the stream ended before Ollama reported it done. The model runner may have stopped; check the Ollama server log',
        ),
      ]
    },
    usage() {
      return usage
    },
  }
}

/** Maps OpenAI sampling fields to Ollama `options`; undefined when none is set (Modelfile defaults apply). */
export function ollamaOptionsFromOpenAI(
  req: OpenAIChatRequest | OpenAICompletionRequest,
): OllamaOptions | undefined {
  const options: OllamaOptions = {}
  const copy = (from: string, to: keyof OllamaOptions): void => {
    const v = req[from]
    if (typeof v === 'number' && Number.isFinite(v)) options[to] = v
  }
  copy('temperature', 'temperature')
  copy('top_p', 'top_p')
  // Not OpenAI, but common extensions that llama.cpp-style clients send.
  copy('top_k', 'top_k')
  copy('min_p', 'min_p')
  copy('seed', 'seed')
  copy('frequency_penalty', 'frequency_penalty')
  copy('presence_penalty', 'presence_penalty')
  // max_completion_tokens replaced max_tokens; prefer it when both are present.
  copy('max_tokens', 'num_predict')
  copy('max_completion_tokens', 'num_predict')
  const stop = typeof req.stop === 'string' ? [req.stop] : Array.isArray(req.stop) ? req.stop : []
  const stops = stop.filter((s): s is string => typeof s === 'string' && s !== '')
  if (stops.length > 0) options.stop = stops
  return Object.keys(options).length > 0 ? options : undefined
}

/** Maps Ollama's done_reason to OpenAI's finish_reason; tool calls win, as in OpenAI. */
export function ollamaFinishReason(
  doneReason: string | undefined,
  hasToolCalls: boolean,
): OpenAIFinishReason {
  if (hasToolCalls) return 'tool_calls'
  return doneReason === 'length' ? 'length' : 'stop'
}

/** OpenAI usage from Ollama's counts; a missing count (e.g. fully cached prompt) counts as 0. */
export function ollamaUsageToOpenAI(metrics: OllamaMetrics): OpenAIUsage {
  const prompt = countOf(metrics.prompt_eval_count)
  const completion = countOf(metrics.eval_count)
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion }
}

/** Unix seconds of Ollama's `created_at`, or now when it is missing or unreadable. */
export function ollamaCreatedSeconds(createdAt: unknown): number {
  const ms = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN
  return Math.floor((Number.isNaN(ms) ? Date.now() : ms) / 1000)
}

/** True for Ollama's `{"error": "..."}` line or body. */
export function isOllamaError(obj: unknown): obj is OllamaErrorBody {
  return typeof obj === 'object' && obj !== null && 'error' in obj && obj.error != null
}

/** The OpenAI error body for an `{"error"}` line that arrived after the stream started. */
export function ollamaStreamErrorToOpenAI(error: unknown): OpenAIErrorBody {
  const detail = typeof error === 'string' && error !== '' ? error : JSON.stringify(error)
  return {
    error: { message: `Ollama failed mid-stream: ${detail}`, type: 'upstream_error', code: null },
  }
}

/** A random id fragment for response and tool call ids. */
export function randomId(): string {
  return randomUUID().replaceAll('-', '')
}

function countOf(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0
}

function messagesToOllama(messages: OpenAIMessage[]): OllamaChatMessage[] {
  // Ollama links a tool result to its call by tool name, OpenAI by id: remember id -> name.
  const toolNames = new Map<string, string>()
  return messages.map((m, i): OllamaChatMessage => {
    const param = `messages[${i}].content`
    switch (m.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: contentToOllama(m.content, param).text }
      case 'user': {
        const { text, images } = contentToOllama(m.content, param)
        return images.length > 0
          ? { role: 'user', content: text, images }
          : { role: 'user', content: text }
      }
      case 'assistant': {
        const out: OllamaChatMessage = {
          role: 'assistant',
          content: contentToOllama(m.content, param).text,
        }
        // Some clients echo reasoning back (DeepSeek convention); Ollama calls it thinking.
        const reasoning = (m as { reasoning_content?: unknown }).reasoning_content
        if (typeof reasoning === 'string' && reasoning !== '') out.thinking = reasoning
        if (m.tool_calls && m.tool_calls.length > 0) {
          out.tool_calls = m.tool_calls.map((c) => {
            toolNames.set(c.id, c.function.name)
            return {
              function: { name: c.function.name, arguments: parseArguments(c.function.arguments) },
            }
          })
        }
        return out
      }
      case 'tool': {
        const out: OllamaChatMessage = {
          role: 'tool',
          content: contentToOllama(m.content, param).text,
        }
        const name = toolNames.get(m.tool_call_id)
        if (name) out.tool_name = name
        return out
      }
      default:
        throw new OllamaTranslationError(
          `Message role "${(m as { role: unknown }).role}" cannot be sent to Ollama; use system, user, assistant or tool.`,
          `messages[${i}].role`,
        )
    }
  })
}

function contentToOllama(
  content: string | OpenAIContentPart[] | null | undefined,
  param: string,
): { text: string; images: string[] } {
  if (content == null) return { text: '', images: [] }
  if (typeof content === 'string') return { text: content, images: [] }
  const texts: string[] = []
  const images: string[] = []
  for (const part of content) {
    if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text)
    else if (part.type === 'refusal' && typeof part.refusal === 'string') texts.push(part.refusal)
    else if (part.type === 'image_url') {
      const url = (part as { image_url?: { url?: unknown } }).image_url?.url
      images.push(imageToBase64(typeof url === 'string' ? url : '', param))
    } else {
      throw new OllamaTranslationError(
        `Content part type "${part.type}" cannot be sent to Ollama; send text or images as data: URLs.`,
        param,
      )
    }
  }
  // Ollama has one string per message; a newline keeps separate parts from running together.
  return { text: texts.join('\n'), images }
}

function imageToBase64(url: string, param: string): string {
  const header = /^data:([^,]*),/i.exec(url)
  if (header) {
    const payload = url.slice(header[0].length)
    if (/;base64$/i.test(header[1] ?? '')) return payload
    try {
      return Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64')
    } catch {
      throw new OllamaTranslationError(
        'An image data: URL is not valid percent-encoded text.',
        param,
      )
    }
  }
  // Fetching is I/O and a remote-content risk; the translator refuses rather than drop the image.
  const shown = url.length > 80 ? `${url.slice(0, 80)}…` : url
  throw new OllamaTranslationError(
    `Ollama cannot fetch image URLs (${shown || 'empty url'}). Send the image inline as a base64 data: URL, or route this request to a provider that accepts image URLs.`,
    param,
  )
}

function parseArguments(json: string): Record<string, unknown> {
  // Ollama needs an object; unparseable or non-object arguments become {} rather than failing
  // the whole conversation over a malformed call from an earlier turn.
  if (typeof json !== 'string' || json.trim() === '') return {}
  try {
    const v: unknown = JSON.parse(json)
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

function toolsToOllama(req: OpenAIChatRequest): OllamaTool[] | undefined {
  const choice = req.tool_choice
  // Ollama has no tool_choice: "none" is honoured by not offering the tools at all.
  if (!req.tools || req.tools.length === 0 || choice === 'none') return undefined
  let tools = req.tools.filter((t) => t.type === 'function' && t.function)
  if (typeof choice === 'object' && choice !== null && choice.type === 'function') {
    // A named choice cannot be forced either; offering only that tool is the closest match.
    const name = choice.function?.name
    tools = tools.filter((t) => t.function.name === name)
    if (tools.length === 0) {
      throw new OllamaTranslationError(
        `tool_choice names "${name}", which is not in tools.`,
        'tool_choice',
      )
    }
  }
  return tools.map((t) => {
    const fn: OllamaTool['function'] = { name: t.function.name }
    if (t.function.description !== undefined) fn.description = t.function.description
    if (t.function.parameters !== undefined) fn.parameters = t.function.parameters
    return { type: 'function', function: fn }
  })
}

function formatFromResponseFormat(rf: unknown): OllamaFormat | undefined {
  if (typeof rf !== 'object' || rf === null) return undefined
  const { type, json_schema } = rf as { type?: unknown; json_schema?: { schema?: unknown } }
  if (type === 'json_object') return 'json'
  if (type === 'json_schema') {
    const schema = json_schema?.schema
    return typeof schema === 'object' && schema !== null
      ? (schema as Record<string, unknown>)
      : 'json'
  }
  return undefined
}

function toolCallToOpenAI(call: OllamaToolCall): OpenAIToolCall {
  const args = call.function?.arguments
  return {
    // Ollama's documented calls have no id; clients need one to answer with a tool message.
    id: typeof call.id === 'string' && call.id !== '' ? call.id : `call_${randomId().slice(0, 24)}`,
    type: 'function',
    function: {
      name: call.function?.name ?? '',
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    },
  }
}
