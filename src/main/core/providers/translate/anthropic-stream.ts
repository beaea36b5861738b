// Streaming translation between Anthropic Messages events and OpenAI chat completion chunks.
// Each translator is a small state machine fed one upstream event at a time; it never touches
// the network, so the hot path owns reading, writing, backpressure and cancellation.

import type {
  AnthropicStreamEvent,
  AnthropicToolUseBlock,
  AnthropicUsage,
} from '../wire/anthropic.ts'
import type { OpenAIChatChunk, OpenAIFinishReason, OpenAIUsage } from '../wire/openai.ts'
import type { SseEvent } from '../sse.ts'
import {
  anthropicStopToOpenAI,
  anthropicUsageToOpenAI,
  openAIErrorToAnthropic,
  openAIFinishToAnthropic,
  openAIUsageToAnthropic,
  type ToAnthropicOptions,
} from './anthropic-response.ts'

/** One item for an OpenAI client: a chunk to send, or an error that ends the stream. */
export type StreamOut = OpenAIChatChunk | { error: { message: string; type: string } }

/** Token counts for the request log; input includes prompt-cache reads and writes. */
export interface StreamUsage {
  input: number
  output: number
  cacheRead: number
}

export interface AnthropicToOpenAIStream {
  push(event: SseEvent): StreamOut[]
  finish(): StreamOut[]
  usage(): StreamUsage | null
}

export interface OpenAIToAnthropicStream {
  push(chunk: OpenAIChatChunk): AnthropicStreamEvent[]
  finish(): AnthropicStreamEvent[]
  usage(): StreamUsage | null
}

type ChunkDelta = OpenAIChatChunk['choices'][number]['delta'] & { reasoning_content?: string }

/**
 * Translates Anthropic stream events (parsed SSE) into OpenAI chunks. Thinking is passed on as
 * `reasoning_content` deltas, the field OpenAI-compatible clients already show as reasoning.
 */
export function createAnthropicToOpenAIStream(opts: {
  model: string
  includeUsage: boolean
}): AnthropicToOpenAIStream {
  const created = Math.floor(Date.now() / 1000)
  let id = 'chatcmpl-switchboard'
  let started = false
  let finishSent = false
  let done = false
  let usage: Partial<AnthropicUsage> | null = null
  // Anthropic numbers every content block; OpenAI numbers tool calls only, from 0.
  const toolIndexByBlock = new Map<number, number>()

  const chunk = (delta: ChunkDelta, finish: OpenAIFinishReason | null = null): OpenAIChatChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: opts.model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  })

  const start = (out: StreamOut[]): void => {
    if (started) return
    started = true
    out.push(chunk({ role: 'assistant', content: '' }))
  }

  const mergeUsage = (u: unknown): void => {
    if (!isObject(u)) return
    usage ??= {}
    // message_delta usage is cumulative, so later numbers replace earlier ones.
    for (const key of USAGE_KEYS) if (typeof u[key] === 'number') usage[key] = u[key]
  }

  const close = (out: StreamOut[]): void => {
    done = true
    if (opts.includeUsage && usage !== null) {
      out.push({
        id,
        object: 'chat.completion.chunk',
        created,
        model: opts.model,
        choices: [],
        usage: anthropicUsageToOpenAI(usage),
      })
    }
  }

  function push(event: SseEvent): StreamOut[] {
    if (done || event.data === '') return []
    let e: unknown
    try {
      e = JSON.parse(event.data)
    } catch {
      return [] // not an Anthropic event (a proxy's keep-alive text); nothing to translate
    }
    if (!isObject(e)) return []
    const out: StreamOut[] = []
    const type = typeof e.type === 'string' ? e.type : event.event
    switch (type) {
      case 'message_start': {
        const message = isObject(e.message) ? e.message : {}
        if (typeof message.id === 'string' && message.id !== '') id = message.id
        mergeUsage(message.usage)
        start(out)
        break
      }
      case 'content_block_start': {
        start(out)
        const block = isObject(e.content_block) ? e.content_block : {}
        const index = typeof e.index === 'number' ? e.index : -1
        if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
          out.push(chunk({ content: block.text }))
        } else if (
          block.type === 'thinking' &&
          typeof block.thinking === 'string' &&
          block.thinking !== ''
        ) {
          out.push(chunk({ reasoning_content: block.thinking }))
        } else if (block.type === 'tool_use') {
          const toolIndex = toolIndexByBlock.size
          toolIndexByBlock.set(index, toolIndex)
          const input = (block as Partial<AnthropicToolUseBlock>).input
          const args = isObject(input) && Object.keys(input).length > 0 ? JSON.stringify(input) : ''
          const name = typeof block.name === 'string' ? block.name : ''
          const toolId = typeof block.id === 'string' ? block.id : `call_${toolIndex}`
          out.push(
            chunk({
              tool_calls: [
                {
                  index: toolIndex,
                  id: toolId,
                  type: 'function',
                  function: { name, arguments: args },
                },
              ],
            }),
          )
        }
        break
      }
      case 'content_block_delta': {
        start(out)
        const delta = isObject(e.delta) ? e.delta : {}
        const text = delta.type === 'text_delta' ? delta.text : undefined
        const thinking = delta.type === 'thinking_delta' ? delta.thinking : undefined
        const json = delta.type === 'input_json_delta' ? delta.partial_json : undefined
        if (typeof text === 'string' && text !== '') out.push(chunk({ content: text }))
        else if (typeof thinking === 'string' && thinking !== '') {
          out.push(chunk({ reasoning_content: thinking }))
        } else if (typeof json === 'string' && json !== '') {
          const toolIndex = toolIndexByBlock.get(typeof e.index === 'number' ? e.index : -1)
          // input_json_delta of a server tool (no tool_use block) has no OpenAI tool call to join.
          if (toolIndex !== undefined) {
            out.push(chunk({ tool_calls: [{ index: toolIndex, function: { arguments: json } }] }))
          }
        }
        // signature_delta and citations_delta have no OpenAI counterpart.
        break
      }
      case 'message_delta': {
        mergeUsage(e.usage)
        const finish = anthropicStopToOpenAI(isObject(e.delta) ? e.delta.stop_reason : null)
        if (finish !== null) {
          start(out)
          finishSent = true
          out.push(chunk({}, finish))
        }
        break
      }
      case 'message_stop': {
        start(out)
        if (!finishSent) out.push(chunk({}, 'stop'))
        finishSent = true
        close(out)
        break
      }
      case 'error': {
        done = true
        const error = isObject(e.error) ? e.error : {}
        out.push({
          error: {
            message:
              typeof error.message === 'string' && error.message !== ''
                ? error.message
                : 'The upstream reported an error in the middle of the stream.',
            type: typeof error.type === 'string' ? error.type : 'api_error',
          },
        })
        break
      }
      // ping and content_block_stop carry nothing an OpenAI client needs.
    }
    return out
  }

  function finish(): StreamOut[] {
    if (done) return []
    const out: StreamOut[] = []
    if (finishSent) close(out)
    else {
      done = true
      out.push({
        error: {
          message: 'The upstream stream ended before the response was complete. Try again.',
          type: 'upstream_error',
        },
      })
    }
    return out
  }

  return {
    push,
    finish,
    usage: () => (usage === null ? null : totals(anthropicUsageToOpenAI(usage))),
  }
}

/** Translates OpenAI chat chunks (first choice) into Anthropic stream events. */
export function createOpenAIToAnthropicStream(
  opts: { model: string } & ToAnthropicOptions,
): OpenAIToAnthropicStream {
  let messageId = 'msg_switchboard'
  let started = false
  let ended = false
  let nextBlockIndex = 0
  let open: { kind: 'text' | 'thinking' | 'tool'; index: number; tool?: ToolState } | null = null
  let finishReason: unknown = undefined
  let sawToolCalls = false
  let usage: Partial<OpenAIUsage> | null = null
  // Keyed by the OpenAI tool-call index. A block opens once the tool's name is known, because
  // content_block_start must carry it; argument text seen before that waits in `pending`.
  const tools = new Map<number, ToolState>()
  let lastToolIndex = -1

  const start = (out: AnthropicStreamEvent[], chunkId?: unknown): void => {
    if (started) return
    started = true
    if (typeof chunkId === 'string' && chunkId !== '') messageId = chunkId
    out.push({
      type: 'message_start',
      message: {
        id: messageId,
        type: 'message',
        role: 'assistant',
        model: opts.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // OpenAI reports usage only at the end; the real numbers follow in message_delta.
        usage: { input_tokens: 0, output_tokens: 0 },
      },
    })
  }

  const closeOpen = (out: AnthropicStreamEvent[]): void => {
    if (open === null) return
    out.push({ type: 'content_block_stop', index: open.index })
    if (open.tool !== undefined) open.tool.closed = true
    open = null
  }

  const openBlock = (out: AnthropicStreamEvent[], kind: 'text' | 'thinking'): number => {
    if (open?.kind === kind) return open.index
    closeOpen(out)
    const index = nextBlockIndex++
    open = { kind, index }
    out.push({
      type: 'content_block_start',
      index,
      content_block:
        kind === 'text'
          ? { type: 'text', text: '' }
          : { type: 'thinking', thinking: '', signature: '' },
    })
    return index
  }

  const openTool = (out: AnthropicStreamEvent[], tool: ToolState, toolIndex: number): void => {
    closeOpen(out)
    const index = nextBlockIndex++
    tool.blockIndex = index
    open = { kind: 'tool', index, tool }
    out.push({
      type: 'content_block_start',
      index,
      content_block: {
        type: 'tool_use',
        id: tool.id ?? `toolu_${messageId}_${toolIndex}`,
        name: tool.name ?? '',
        input: {},
      },
    })
    if (tool.pending !== '') {
      out.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: tool.pending },
      })
      tool.pending = ''
    }
  }

  const toolDelta = (out: AnthropicStreamEvent[], call: Record<string, unknown>): void => {
    sawToolCalls = true
    let toolIndex: number
    if (typeof call.index === 'number') toolIndex = call.index
    else if (typeof call.id === 'string' && call.id !== '') toolIndex = lastToolIndex + 1
    else toolIndex = Math.max(lastToolIndex, 0) // index-less continuation of the latest call
    lastToolIndex = Math.max(lastToolIndex, toolIndex)
    let tool = tools.get(toolIndex)
    if (tool === undefined) {
      tool = { pending: '', blockIndex: null, closed: false }
      tools.set(toolIndex, tool)
    }
    const fn = isObject(call.function) ? call.function : {}
    if (typeof call.id === 'string' && call.id !== '') tool.id ??= call.id
    if (typeof fn.name === 'string' && fn.name !== '') tool.name ??= fn.name
    const args = typeof fn.arguments === 'string' ? fn.arguments : ''
    // Anthropic blocks cannot reopen: arguments for a call whose block was closed are dropped.
    if (tool.closed) return
    if (tool.blockIndex === null) {
      tool.pending += args
      if (tool.name !== undefined) openTool(out, tool, toolIndex)
    } else if (args !== '') {
      out.push({
        type: 'content_block_delta',
        index: tool.blockIndex,
        delta: { type: 'input_json_delta', partial_json: args },
      })
    }
  }

  const flushNamelessTools = (out: AnthropicStreamEvent[]): void => {
    // A call that never got a name still becomes a block, so the client sees and reports it.
    for (const [toolIndex, tool] of tools) {
      if (tool.blockIndex === null && !tool.closed) {
        openTool(out, tool, toolIndex)
        closeOpen(out)
      }
    }
  }

  const end = (out: AnthropicStreamEvent[]): void => {
    closeOpen(out)
    flushNamelessTools(out)
    const u = openAIUsageToAnthropic(usage)
    out.push({
      type: 'message_delta',
      delta: {
        stop_reason: openAIFinishToAnthropic(finishReason, sawToolCalls),
        stop_sequence: null,
      },
      usage: {
        input_tokens: u.input_tokens,
        output_tokens: u.output_tokens,
        cache_creation_input_tokens: u.cache_creation_input_tokens ?? 0,
        cache_read_input_tokens: u.cache_read_input_tokens ?? 0,
      },
    })
    out.push({ type: 'message_stop' })
    ended = true
  }

  function push(chunk: OpenAIChatChunk): AnthropicStreamEvent[] {
    if (ended || !isObject(chunk)) return []
    const out: AnthropicStreamEvent[] = []
    if (chunk.error !== undefined) {
      // Several OpenAI-compatible servers report a mid-stream failure as a chunk {"error": ...}.
      ended = true
      out.push(openAIErrorToAnthropic(chunk, 500))
      return out
    }
    start(out, chunk.id)
    if (isObject(chunk.usage)) usage = chunk.usage as Partial<OpenAIUsage>
    const choices = Array.isArray(chunk.choices) ? chunk.choices : []
    const choice = choices.find((c) => c?.index === 0) ?? choices[0]
    if (choice !== undefined) {
      const delta = (isObject(choice.delta) ? choice.delta : {}) as Record<string, unknown>
      const reasoning = delta.reasoning_content ?? delta.reasoning
      if (opts.thinking !== false && typeof reasoning === 'string' && reasoning !== '') {
        const index = openBlock(out, 'thinking')
        out.push({
          type: 'content_block_delta',
          index,
          delta: { type: 'thinking_delta', thinking: reasoning },
        })
      }
      const text = typeof delta.content === 'string' ? delta.content : delta.refusal
      if (typeof text === 'string' && text !== '') {
        const index = openBlock(out, 'text')
        out.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } })
      }
      if (Array.isArray(delta.tool_calls)) {
        for (const call of delta.tool_calls) if (isObject(call)) toolDelta(out, call)
      }
      if (choice.finish_reason != null) {
        finishReason = choice.finish_reason
        closeOpen(out)
      }
    }
    // message_delta waits for usage, which include_usage streams send in a chunk after the
    // finish_reason; finish() sends it without usage when the upstream never does.
    if (finishReason !== undefined && usage !== null) end(out)
    return out
  }

  function finish(): AnthropicStreamEvent[] {
    if (ended) return []
    const out: AnthropicStreamEvent[] = []
    start(out)
    end(out)
    return out
  }

  return {
    push,
    finish,
    usage: () => (usage === null ? null : totals(usage)),
  }
}

interface ToolState {
  id?: string
  name?: string
  pending: string
  blockIndex: number | null
  closed: boolean
}

const USAGE_KEYS = [
  'input_tokens',
  'output_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
] as const

function totals(usage: Partial<OpenAIUsage>): StreamUsage {
  const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
  const details = usage.prompt_tokens_details as { cached_tokens?: unknown } | undefined
  return {
    input: n(usage.prompt_tokens),
    output: n(usage.completion_tokens),
    cacheRead: n(details?.cached_tokens),
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
