import type { ServerResponse } from 'node:http'
import { json, startFakeServer, type FakeServer, type RecordedRequest } from './http-server.ts'

// A scripted model behind a fake upstream, for driving a real coding agent through one tool
// loop: while the conversation has no result for the scripted call, the model asks for the
// agent's own tool (by its real name and argument shape); once the agent ran it and sent the
// result back, the model answers with final text computed from that result. Requests that do not
// offer the tool (titles, summaries) get a short plain answer. Each wire format is spoken as its
// provider documents it: OpenAI chat completions (SSE chunks, `data: [DONE]`), Anthropic Messages
// (named SSE events) and OpenAI Responses (named SSE events ending in `response.completed`).

export type ScriptedWire = 'openai-chat' | 'anthropic' | 'openai-responses'

export interface ToolLoopScript {
  /** The agent's tool name, e.g. `Read` (Claude Code), `exec_command` (Codex), `read` (opencode). */
  tool: string
  /** The tool's arguments in the agent's own shape, e.g. `{ file_path: '/abs/path' }`. */
  args: Record<string, unknown>
  /** The model's final text, given the tool output the agent sent back. */
  answer(toolOutput: string): string
}

export interface ScriptedOptions {
  wire: ScriptedWire
  script: ToolLoopScript
  /** Model ids listed at GET /v1/models. */
  models?: string[]
  /**
   * OpenAI chat only: reject `max_tokens` / `max_completion_tokens` above this with the 400 body
   * OpenAI sends for gpt-4o ("max_tokens is too large: N. This model supports at most ...").
   */
  maxOutputTokens?: number
}

/** What the scripted model did for one request. */
export type ScriptedStep = 'tool-call' | 'final' | 'aside' | 'rejected' | 'missing-result'

export interface ScriptedUpstream extends FakeServer {
  /** Parsed JSON bodies of the POST requests received. */
  bodies(): Record<string, unknown>[]
  /** One entry per POST request: the model asked for, and what the script answered. */
  steps: { model: string; step: ScriptedStep; path: string }[]
}

interface Reading {
  offered: boolean
  hasCall: boolean
  output: string | undefined
}

const CALL_ID = 'call_switchboard_tool_1'
const TOOLU_ID = 'toolu_switchboard_tool_1'
const ASIDE_TEXT = 'Switchboard test session'

/** A scripted tool-loop model on a loopback port, speaking `options.wire`. */
export async function startScriptedUpstream(options: ScriptedOptions): Promise<ScriptedUpstream> {
  const steps: ScriptedUpstream['steps'] = []
  const models = options.models ?? ['gpt-4o']
  const server = await startFakeServer(async (req, res) => {
    const path = req.path.split('?')[0]!
    if (req.method === 'GET' && path.endsWith('/models'))
      return listModels(options.wire, models, res)
    const expected = {
      'openai-chat': '/v1/chat/completions',
      anthropic: '/v1/messages',
      'openai-responses': '/v1/responses',
    }[options.wire]
    if (req.method !== 'POST' || path !== expected) return notFound(options.wire, req, res)
    if (
      options.wire === 'anthropic' &&
      (!req.headers['x-api-key'] || !req.headers['anthropic-version'])
    )
      return json(res, 401, {
        type: 'error',
        error: {
          type: 'authentication_error',
          message: 'x-api-key and anthropic-version are required',
        },
      })
    const body = JSON.parse(req.body) as Record<string, unknown>
    const model = String(body.model)
    const tooLarge =
      options.maxOutputTokens !== undefined && overLimit(body, options.maxOutputTokens)
    if (tooLarge) {
      steps.push({ model, step: 'rejected', path })
      return json(res, 400, {
        error: {
          message: `${tooLarge.param} is too large: ${tooLarge.value}. This model supports at most ${options.maxOutputTokens} completion tokens, whereas you provided ${tooLarge.value}.`,
          type: 'invalid_request_error',
          param: tooLarge.param,
          code: null,
        },
      })
    }
    const reading = read(options.wire, body, options.script.tool)
    const step: ScriptedStep =
      reading.output !== undefined
        ? 'final'
        : reading.hasCall
          ? 'missing-result'
          : reading.offered
            ? 'tool-call'
            : 'aside'
    steps.push({ model, step, path })
    const reply: Reply =
      step === 'tool-call'
        ? { kind: 'tool', name: options.script.tool, args: JSON.stringify(options.script.args) }
        : {
            kind: 'text',
            text:
              step === 'final'
                ? options.script.answer(reading.output!)
                : step === 'missing-result'
                  ? `The result of ${CALL_ID} did not come back.`
                  : ASIDE_TEXT,
          }
    const stream = body.stream === true
    if (options.wire === 'openai-chat') return chatReply(res, model, reply, stream, body)
    if (options.wire === 'anthropic') return anthropicReply(res, model, reply, stream)
    return responsesReply(res, model, reply, stream)
  })
  return {
    ...server,
    steps,
    bodies: () =>
      server.requests
        .filter((r) => r.method === 'POST')
        .map((r) => JSON.parse(r.body) as Record<string, unknown>),
  }
}

type Reply = { kind: 'tool'; name: string; args: string } | { kind: 'text'; text: string }

function overLimit(body: Record<string, unknown>, limit: number) {
  for (const param of ['max_tokens', 'max_completion_tokens']) {
    const value = body[param]
    if (typeof value === 'number' && value > limit) return { param, value }
  }
  return undefined
}

/** Finds whether the tool is offered, and the scripted call and its result in the conversation. */
function read(wire: ScriptedWire, body: Record<string, unknown>, tool: string): Reading {
  const tools = (body.tools as { name?: string; function?: { name?: string } }[] | undefined) ?? []
  const offered = tools.some((t) => (t.function?.name ?? t.name) === tool)
  if (wire === 'openai-chat') {
    const messages = (body.messages as ChatMessage[] | undefined) ?? []
    const hasCall = messages.some((m) => m.tool_calls?.some((c) => c.id === CALL_ID))
    const result = messages.find((m) => m.role === 'tool' && m.tool_call_id === CALL_ID)
    return { offered, hasCall, output: result ? textOf(result.content) : undefined }
  }
  if (wire === 'anthropic') {
    const blocks = ((body.messages as { content: unknown }[] | undefined) ?? []).flatMap((m) =>
      Array.isArray(m.content) ? (m.content as AnthropicBlock[]) : [],
    )
    const hasCall = blocks.some((b) => b.type === 'tool_use' && b.id === TOOLU_ID)
    const result = blocks.find((b) => b.type === 'tool_result' && b.tool_use_id === TOOLU_ID)
    return { offered, hasCall, output: result ? textOf(result.content) : undefined }
  }
  const items = Array.isArray(body.input) ? (body.input as ResponsesItem[]) : []
  const hasCall = items.some((i) => i.type === 'function_call' && i.call_id === CALL_ID)
  const result = items.find((i) => i.type === 'function_call_output' && i.call_id === CALL_ID)
  return { offered, hasCall, output: result ? textOf(result.output) : undefined }
}

interface ChatMessage {
  role: string
  content: unknown
  tool_call_id?: string
  tool_calls?: { id: string }[]
}
interface AnthropicBlock {
  type: string
  id?: string
  tool_use_id?: string
  content?: unknown
}
interface ResponsesItem {
  type?: string
  call_id?: string
  output?: unknown
}

/** Text of a string or of an array of text parts (any of the three formats). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((p: { text?: unknown }) => (typeof p.text === 'string' ? p.text : ''))
    .join('\n')
}

function listModels(wire: ScriptedWire, models: string[], res: ServerResponse): void {
  if (wire === 'anthropic')
    return json(res, 200, {
      data: models.map((id) => ({
        type: 'model',
        id,
        display_name: id,
        created_at: '2025-01-01T00:00:00Z',
      })),
      has_more: false,
      first_id: models[0] ?? null,
      last_id: models.at(-1) ?? null,
    })
  json(res, 200, {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'scripted' })),
  })
}

function notFound(wire: ScriptedWire, req: RecordedRequest, res: ServerResponse): void {
  const message = `Unknown request URL: ${req.method} ${req.path}.`
  if (wire === 'anthropic')
    return json(res, 404, { type: 'error', error: { type: 'not_found_error', message } })
  json(res, 404, {
    error: { message, type: 'invalid_request_error', param: null, code: 'unknown_url' },
  })
}

const created = 1_700_000_000
const usage = { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 }

/** Splits text in a few pieces so clients see a real stream. */
function pieces(text: string, n = 3): string[] {
  const size = Math.max(1, Math.ceil(text.length / n))
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out.length ? out : ['']
}

function sendSse(res: ServerResponse, events: string[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  for (const e of events) res.write(e)
  res.end()
}

function chatReply(
  res: ServerResponse,
  model: string,
  reply: Reply,
  stream: boolean,
  body: Record<string, unknown>,
): void {
  const base = { id: 'chatcmpl-scripted', created, model, system_fingerprint: 'fp_scripted' }
  const finish = reply.kind === 'tool' ? 'tool_calls' : 'stop'
  if (!stream) {
    const message =
      reply.kind === 'tool'
        ? {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: CALL_ID,
                type: 'function',
                function: { name: reply.name, arguments: reply.args },
              },
            ],
          }
        : { role: 'assistant', content: reply.text }
    return json(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
      usage,
    })
  }
  const chunk = (delta: unknown, finishReason: string | null = null) =>
    `data: ${JSON.stringify({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    })}\n\n`
  const events: string[] = []
  if (reply.kind === 'tool') {
    events.push(
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            index: 0,
            id: CALL_ID,
            type: 'function',
            function: { name: reply.name, arguments: '' },
          },
        ],
      }),
    )
    for (const part of pieces(reply.args))
      events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] }))
  } else {
    events.push(chunk({ role: 'assistant', content: '' }))
    for (const part of pieces(reply.text)) events.push(chunk({ content: part }))
  }
  events.push(chunk({}, finish))
  if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage)
    events.push(
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`,
    )
  events.push('data: [DONE]\n\n')
  sendSse(res, events)
}

function anthropicReply(res: ServerResponse, model: string, reply: Reply, stream: boolean): void {
  const stopReason = reply.kind === 'tool' ? 'tool_use' : 'end_turn'
  const block =
    reply.kind === 'tool'
      ? {
          type: 'tool_use',
          id: TOOLU_ID,
          name: reply.name,
          input: JSON.parse(reply.args) as unknown,
        }
      : { type: 'text', text: reply.text }
  const message = { id: 'msg_scripted', type: 'message', role: 'assistant', model }
  const usageOut = { input_tokens: 120, output_tokens: 12 }
  if (!stream)
    return json(res, 200, {
      ...message,
      content: [block],
      stop_reason: stopReason,
      stop_sequence: null,
      usage: usageOut,
    })
  const ev = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`
  const events = [
    ev('message_start', {
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 120, output_tokens: 1 },
      },
    }),
    ev('content_block_start', {
      index: 0,
      content_block: reply.kind === 'tool' ? { ...block, input: {} } : { type: 'text', text: '' },
    }),
    ev('ping', {}),
  ]
  if (reply.kind === 'tool')
    for (const part of pieces(reply.args))
      events.push(
        ev('content_block_delta', {
          index: 0,
          delta: { type: 'input_json_delta', partial_json: part },
        }),
      )
  else
    for (const part of pieces(reply.text))
      events.push(
        ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: part } }),
      )
  events.push(ev('content_block_stop', { index: 0 }))
  events.push(
    ev('message_delta', {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: 12 },
    }),
  )
  events.push(ev('message_stop', {}))
  sendSse(res, events)
}

function responsesReply(res: ServerResponse, model: string, reply: Reply, stream: boolean): void {
  const item =
    reply.kind === 'tool'
      ? {
          type: 'function_call',
          id: 'fc_scripted_1',
          call_id: CALL_ID,
          name: reply.name,
          arguments: reply.args,
          status: 'completed',
        }
      : {
          type: 'message',
          id: 'msg_scripted_1',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: reply.text, annotations: [] }],
        }
  const response = (status: string, output: unknown[]) => ({
    id: 'resp_scripted',
    object: 'response',
    created_at: created,
    status,
    error: null,
    incomplete_details: null,
    model,
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage:
      status === 'completed'
        ? {
            input_tokens: 120,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 12,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 132,
          }
        : null,
  })
  if (!stream) return json(res, 200, response('completed', [item]))
  let sequence = 0
  const ev = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`
  const events = [
    ev('response.created', { response: response('in_progress', []) }),
    ev('response.in_progress', { response: response('in_progress', []) }),
  ]
  const at = { output_index: 0, item_id: item.id }
  if (reply.kind === 'tool') {
    events.push(
      ev('response.output_item.added', {
        output_index: 0,
        item: { ...item, arguments: '', status: 'in_progress' },
      }),
    )
    for (const part of pieces(reply.args))
      events.push(ev('response.function_call_arguments.delta', { ...at, delta: part }))
    events.push(ev('response.function_call_arguments.done', { ...at, arguments: reply.args }))
  } else {
    events.push(
      ev('response.output_item.added', {
        output_index: 0,
        item: { ...item, status: 'in_progress', content: [] },
      }),
    )
    const part = { type: 'output_text', text: '', annotations: [] }
    events.push(ev('response.content_part.added', { ...at, content_index: 0, part }))
    for (const delta of pieces(reply.text))
      events.push(
        ev('response.output_text.delta', { ...at, content_index: 0, delta, logprobs: [] }),
      )
    events.push(
      ev('response.output_text.done', { ...at, content_index: 0, text: reply.text, logprobs: [] }),
    )
    events.push(
      ev('response.content_part.done', {
        ...at,
        content_index: 0,
        part: { ...part, text: reply.text },
      }),
    )
  }
  events.push(ev('response.output_item.done', { output_index: 0, item }))
  events.push(ev('response.completed', { response: response('completed', [item]) }))
  sendSse(res, events)
}
