// OpenAI chat stream chunks as OpenAI Responses stream events, in the order OpenAI sends them:
// response.created, response.in_progress, then per output item output_item.added, its parts and
// deltas, their .done events and output_item.done, and last response.completed (or .incomplete,
// or .failed). Every event carries the next sequence_number. Lossy choices: docs/translation.md.

import type { OpenAIChatChunk, OpenAIFinishReason } from '../wire/openai.ts'
import type {
  ResponsesOutputItem,
  ResponsesRequest,
  ResponsesResponse,
  ResponsesStreamEvent,
  ResponsesUsage,
} from '../wire/openai-responses.ts'
import {
  namespacedToolNames,
  responsesCallName,
  type NamespacedName,
} from './responses-namespaces.ts'
import { responseEnding, responseShell, responsesId, responsesUsage } from './responses-response.ts'

export interface ChatToResponsesStream {
  /** Translates one chat chunk. */
  push(chunk: OpenAIChatChunk): ResponsesStreamEvent[]
  /** The upstream ended normally: open items are closed and the response completes. */
  finish(): ResponsesStreamEvent[]
  /** The upstream failed: the response ends with response.failed. */
  fail(message: string): ResponsesStreamEvent[]
  /** Token usage once the upstream reported it, else null. */
  usage(): ResponsesUsage | null
}

type Delta = OpenAIChatChunk['choices'][number]['delta'] & {
  reasoning_content?: unknown
  reasoning?: unknown
}

interface OpenPart {
  kind: 'message' | 'reasoning'
  index: number
  id: string
  text: string
}

interface OpenCall {
  index: number
  id: string
  callId: string
  name: string
  arguments: string
}

/** Creates the translator for one streamed answer to `request`. */
export function createChatToResponsesStream(opts: {
  request: ResponsesRequest
  model: string
}): ChatToResponsesStream {
  const response = responseShell(
    opts.request,
    opts.model,
    responsesId('resp'),
    Math.floor(Date.now() / 1000),
  )
  const output: ResponsesOutputItem[] = []
  const calls = new Map<number, OpenCall>()
  const grouped = namespacedToolNames(opts.request.tools)
  let part: OpenPart | null = null
  let sequence = 0
  let started = false
  let ended = false
  let finish: OpenAIFinishReason | null = null
  let usage: ResponsesUsage | null = null

  const event = (type: string, fields: Record<string, unknown>): ResponsesStreamEvent => ({
    type,
    sequence_number: sequence++,
    ...fields,
  })
  const snapshot = (): ResponsesResponse => ({ ...response, output: [...output] })

  function start(out: ResponsesStreamEvent[]): void {
    if (started) return
    started = true
    out.push(event('response.created', { response: snapshot() }))
    out.push(event('response.in_progress', { response: snapshot() }))
  }

  function openPart(out: ResponsesStreamEvent[], kind: OpenPart['kind']): OpenPart {
    if (part?.kind === kind) return part
    closePart(out)
    const index = output.length
    const opened: OpenPart = {
      kind,
      index,
      id: responsesId(kind === 'message' ? 'msg' : 'rs'),
      text: '',
    }
    const item: ResponsesOutputItem =
      kind === 'message'
        ? { type: 'message', id: opened.id, role: 'assistant', status: 'in_progress', content: [] }
        : { type: 'reasoning', id: opened.id, summary: [], content: [], status: 'in_progress' }
    output.push(item)
    out.push(event('response.output_item.added', { output_index: index, item }))
    out.push(
      event('response.content_part.added', {
        item_id: opened.id,
        output_index: index,
        content_index: 0,
        part: emptyPart(kind),
      }),
    )
    part = opened
    return opened
  }

  function closePart(out: ResponsesStreamEvent[]): void {
    if (!part) return
    const { kind, index, id, text } = part
    const at = { item_id: id, output_index: index, content_index: 0 }
    let item: ResponsesOutputItem
    if (kind === 'message') {
      const done = { type: 'output_text' as const, text, annotations: [], logprobs: [] }
      out.push(event('response.output_text.done', { ...at, text, logprobs: [] }))
      out.push(event('response.content_part.done', { ...at, part: done }))
      item = { type: 'message', id, role: 'assistant', status: itemStatus(), content: [done] }
    } else {
      const done = { type: 'reasoning_text' as const, text }
      out.push(event('response.reasoning_text.done', { ...at, text }))
      out.push(event('response.content_part.done', { ...at, part: done }))
      item = { type: 'reasoning', id, summary: [], content: [done], status: 'completed' }
    }
    output[index] = item
    out.push(event('response.output_item.done', { output_index: index, item }))
    part = null
  }

  const itemStatus = () => (finish === 'length' ? 'incomplete' : 'completed')

  function addText(out: ResponsesStreamEvent[], kind: OpenPart['kind'], delta: string): void {
    const open = openPart(out, kind)
    open.text += delta
    const at = { item_id: open.id, output_index: open.index, content_index: 0, delta }
    out.push(
      kind === 'message'
        ? event('response.output_text.delta', { ...at, logprobs: [] })
        : event('response.reasoning_text.delta', at),
    )
  }

  function addToolCall(
    out: ResponsesStreamEvent[],
    tc: NonNullable<Delta['tool_calls']>[number],
  ): void {
    let call = calls.get(tc.index)
    if (!call) {
      closePart(out)
      call = {
        index: output.length,
        id: responsesId('fc'),
        callId: tc.id ?? `call_${response.id.slice(5)}_${tc.index}`,
        name: tc.function?.name ?? '',
        arguments: '',
      }
      calls.set(tc.index, call)
      const item = callItem(call, 'in_progress', grouped)
      output.push(item)
      out.push(event('response.output_item.added', { output_index: call.index, item }))
    } else if (tc.function?.name && !call.name) call.name = tc.function.name
    const args = tc.function?.arguments
    if (args) {
      call.arguments += args
      out.push(
        event('response.function_call_arguments.delta', {
          item_id: call.id,
          output_index: call.index,
          delta: args,
        }),
      )
    }
  }

  function closeCalls(out: ResponsesStreamEvent[]): void {
    for (const call of calls.values()) {
      const at = { item_id: call.id, output_index: call.index }
      out.push(
        event('response.function_call_arguments.done', {
          ...at,
          ...responsesCallName(call.name, grouped),
          arguments: call.arguments,
        }),
      )
      const item = callItem(call, 'completed', grouped)
      output[call.index] = item
      out.push(event('response.output_item.done', { output_index: call.index, item }))
    }
    calls.clear()
  }

  return {
    push(chunk) {
      const out: ResponsesStreamEvent[] = []
      if (ended) return out
      start(out)
      if (chunk.usage) usage = responsesUsage(chunk.usage) ?? usage
      const choice = chunk.choices?.find((c) => c.index === 0)
      if (!choice) return out
      const delta = (choice.delta ?? {}) as Delta
      const reasoning = delta.reasoning_content ?? delta.reasoning
      if (typeof reasoning === 'string' && reasoning !== '') addText(out, 'reasoning', reasoning)
      if (typeof delta.content === 'string' && delta.content !== '')
        addText(out, 'message', delta.content)
      for (const tc of delta.tool_calls ?? []) addToolCall(out, tc)
      if (choice.finish_reason) finish = choice.finish_reason
      return out
    },
    finish() {
      const out: ResponsesStreamEvent[] = []
      if (ended) return out
      start(out)
      closePart(out)
      closeCalls(out)
      ended = true
      const ending = responseEnding(finish)
      const final = { ...snapshot(), ...ending, usage }
      const type = ending.status === 'incomplete' ? 'response.incomplete' : 'response.completed'
      out.push(event(type, { response: final }))
      return out
    },
    fail(message) {
      const out: ResponsesStreamEvent[] = []
      if (ended) return out
      start(out)
      ended = true
      const failed = {
        ...snapshot(),
        status: 'failed' as const,
        error: { code: 'server_error', message },
        usage,
      }
      out.push(event('response.failed', { response: failed }))
      return out
    },
    usage: () => usage,
  }
}

function emptyPart(kind: OpenPart['kind']) {
  return kind === 'message'
    ? { type: 'output_text', text: '', annotations: [], logprobs: [] }
    : { type: 'reasoning_text', text: '' }
}

function callItem(
  call: OpenCall,
  status: 'in_progress' | 'completed',
  grouped: Map<string, NamespacedName>,
): ResponsesOutputItem {
  return {
    type: 'function_call',
    id: call.id,
    call_id: call.callId,
    ...responsesCallName(call.name, grouped),
    arguments: status === 'completed' ? call.arguments : '',
    status,
  }
}
