import type { ServerResponse } from 'node:http'
import { json, startFakeServer, type FakeServer, type RecordedRequest } from './http-server.ts'

// Fake upstreams that speak each provider's documented wire format: OpenAI chat + completions
// (SSE, `data: [DONE]`), Anthropic Messages (named SSE events), Ollama chat/generate (NDJSON).
// Each answers "echo: <last user text>" so tests see what reached the model, and a request whose
// text contains "use a tool" gets a tool call back.

export interface Behaviour {
  /** Answer every request with this HTTP status and the kind's error body. */
  failWith?: number
  /** Wait this long before answering headers. */
  delayMs?: number
  /** Stop after this many stream pieces, destroying the connection. */
  breakAfter?: number
  /** Pause between stream pieces. */
  pieceDelayMs?: number
  /** Send a stream's headers at once, then wait this long before its first piece (a slow model). */
  firstPieceDelayMs?: number
  /** OpenAI fake: answer requests whose system prompt asks for a rating with this text. */
  rating?: string
  /**
   * Refuse a larger max_tokens (max_completion_tokens) with the provider's real 400: OpenAI's
   * "max_tokens is too large", Anthropic's "max_tokens: N > M, which is the maximum allowed…".
   */
  maxOutputTokens?: number
  /**
   * OpenAI fake: refuse requests whose prompt plus max_tokens exceeds this window with vLLM's real
   * 400 ("'max_tokens' or 'max_completion_tokens' is too large: …"). The prompt counts one token
   * per 4 characters of its messages. Ollama fake: the context_length `/api/show` reports.
   */
  contextWindow?: number
  /**
   * Report this many prompt tokens as read from the prompt cache: OpenAI's
   * `prompt_tokens_details.cached_tokens` (inside prompt_tokens), Anthropic's
   * `cache_read_input_tokens` (beside input_tokens).
   */
  cacheRead?: number
}

export interface FakeUpstream extends FakeServer {
  behaviour: Behaviour
  /** Parsed JSON bodies of the requests received. */
  bodies(): Record<string, unknown>[]
  /** Resolves when a request's connection closed before its answer was complete. */
  aborted: Promise<void>
}

const WORDS = ['Hello', ' from', ' the', ' fake', ' upstream']

function lastUserText(body: Record<string, unknown>): string {
  const messages = (body.messages as { role: string; content: unknown }[] | undefined) ?? []
  const user = [...messages].reverse().find((m) => m.role === 'user')
  if (!user) return String(body.prompt ?? '')
  if (typeof user.content === 'string') return user.content
  return (user.content as { type: string; text?: string }[])
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join(' ')
}

/** The tool output a request ends with (OpenAI/Ollama `tool` message, Anthropic tool_result-only turn). */
function lastToolResult(body: Record<string, unknown>): string | null {
  const last = (body.messages as { role: string; content: unknown }[] | undefined)?.at(-1)
  if (last?.role === 'tool') return String(last.content)
  if (last?.role !== 'user' || !Array.isArray(last.content)) return null
  const blocks = last.content as { type: string; content?: unknown }[]
  if (blocks.length === 0 || !blocks.every((b) => b.type === 'tool_result')) return null
  return blocks
    .map((b) =>
      typeof b.content === 'string'
        ? b.content
        : ((b.content as { text?: string }[] | undefined) ?? []).map((c) => c.text).join(''),
    )
    .join('\n')
}

/** The answer text: an echo of the last user text, or of the tool result a request ends with. */
function answerText(body: Record<string, unknown>): string {
  const toolResult = lastToolResult(body)
  return toolResult === null ? `echo: ${lastUserText(body)}` : `echo: tool result: ${toolResult}`
}

async function start(
  handler: (
    req: RecordedRequest,
    body: Record<string, unknown>,
    res: ServerResponse,
    b: Behaviour,
    stream: Streamer,
  ) => void | Promise<void>,
  errorBody: (status: number) => unknown,
): Promise<FakeUpstream> {
  const behaviour: Behaviour = {}
  let markAborted: () => void = () => {}
  const aborted = new Promise<void>((resolve) => (markAborted = resolve))
  const server = await startFakeServer(async (req, res) => {
    res.on('close', () => {
      if (!res.writableFinished) markAborted()
    })
    if (behaviour.delayMs) await sleep(behaviour.delayMs)
    if (behaviour.failWith) return json(res, behaviour.failWith, errorBody(behaviour.failWith))
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {}
    await handler(req, body, res, behaviour, streamer(res, behaviour))
  })
  return {
    ...server,
    behaviour,
    aborted,
    bodies: () => server.requests.map((r) => (r.body ? JSON.parse(r.body) : {})),
  }
}

type Streamer = (contentType: string, pieces: string[]) => Promise<void>

function streamer(res: ServerResponse, b: Behaviour): Streamer {
  return async (contentType, pieces) => {
    res.writeHead(200, { 'content-type': contentType })
    if (b.firstPieceDelayMs) {
      res.flushHeaders()
      await sleep(b.firstPieceDelayMs)
    }
    for (let i = 0; i < pieces.length; i++) {
      if (b.breakAfter !== undefined && i === b.breakAfter) {
        res.destroy()
        return
      }
      if (res.destroyed) return
      res.write(pieces[i])
      if (b.pieceDelayMs) await sleep(b.pieceDelayMs)
    }
    res.end()
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const sse = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`
const wantsTool = (text: string) => text.includes('use a tool')

/** The name a request offers its file-reading tool under, as a model would call it (qualified when grouped). */
function readFileTool(body: Record<string, unknown>): string {
  for (const t of Array.isArray(body.tools) ? body.tools : []) {
    const name = (t as { function?: { name?: unknown }; name?: unknown })?.function?.name ?? t?.name
    if (typeof name === 'string' && name.endsWith('read_file')) return name
  }
  return 'read_file'
}

/** OpenAI-compatible: POST /v1/chat/completions, /v1/completions and /v1/responses. */
export function startFakeOpenAI(): Promise<FakeUpstream> {
  return start(
    async (req, body, res, _b, stream) => {
      if (req.method === 'GET' && req.path === '/v1/models') {
        return json(res, 200, {
          object: 'list',
          data: [{ id: 'gpt-4o', object: 'model', created: 0, owned_by: 'fake' }],
        })
      }
      if (req.path === '/v1/responses') return fakeResponses(body, res, stream)
      const model = String(body.model)
      const refusal = openAILimitRefusal(body, _b)
      if (refusal) return json(res, 400, refusal)
      const system = (body.messages as { role: string; content: unknown }[] | undefined)?.[0]
      const rating =
        _b.rating !== undefined &&
        system?.role === 'system' &&
        String(system.content).startsWith('Rate how hard')
      const text = rating ? _b.rating! : answerText(body)
      const usage = {
        prompt_tokens: 11,
        completion_tokens: 7,
        total_tokens: 18,
        ...(_b.cacheRead !== undefined && {
          prompt_tokens_details: { cached_tokens: _b.cacheRead },
        }),
      }
      const base = { id: 'chatcmpl-fake', created: 1_700_000_000, model }
      if (req.path === '/v1/completions') {
        if (!body.stream) {
          return json(res, 200, {
            ...base,
            object: 'text_completion',
            choices: [{ index: 0, text, finish_reason: 'stop', logprobs: null }],
            usage,
          })
        }
        const pieces = [text.slice(0, 6), text.slice(6)].map((t) =>
          sse({
            ...base,
            object: 'text_completion',
            choices: [{ index: 0, text: t, finish_reason: null, logprobs: null }],
          }),
        )
        pieces.push(
          sse({
            ...base,
            object: 'text_completion',
            choices: [{ index: 0, text: '', finish_reason: 'stop', logprobs: null }],
          }),
        )
        if ((body.stream_options as { include_usage?: boolean })?.include_usage)
          pieces.push(sse({ ...base, object: 'text_completion', choices: [], usage }))
        pieces.push(sse('[DONE]'))
        return stream('text/event-stream', pieces)
      }
      if (req.path !== '/v1/chat/completions')
        return json(res, 404, {
          error: { message: 'no such route', type: 'invalid_request_error' },
        })
      const tool = wantsTool(text)
      const toolCall = {
        id: 'call_fake1',
        type: 'function',
        function: { name: readFileTool(body), arguments: '{"path":"src/app.ts"}' },
      }
      if (!body.stream) {
        return json(res, 200, {
          ...base,
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: tool
                ? { role: 'assistant', content: null, tool_calls: [toolCall] }
                : { role: 'assistant', content: text },
              finish_reason: tool ? 'tool_calls' : 'stop',
            },
          ],
          usage,
        })
      }
      const chunk = (delta: unknown, finish: string | null = null) =>
        sse({
          ...base,
          object: 'chat.completion.chunk',
          choices: [{ index: 0, delta, finish_reason: finish }],
        })
      const pieces = [chunk({ role: 'assistant', content: '' })]
      if (tool) {
        pieces.push(
          chunk({
            tool_calls: [
              {
                index: 0,
                id: toolCall.id,
                type: 'function',
                function: { name: toolCall.function.name, arguments: '' },
              },
            ],
          }),
        )
        pieces.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }))
        pieces.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '"src/app.ts"}' } }] }))
        pieces.push(chunk({}, 'tool_calls'))
      } else {
        for (const w of [...WORDS, ` (${text})`]) pieces.push(chunk({ content: w }))
        pieces.push(chunk({}, 'stop'))
      }
      if ((body.stream_options as { include_usage?: boolean })?.include_usage) {
        pieces.push(sse({ ...base, object: 'chat.completion.chunk', choices: [], usage }))
      }
      pieces.push(sse('[DONE]'))
      return stream('text/event-stream', pieces)
    },
    (status) => ({
      error: {
        message: `fake openai failure ${status}`,
        type: status === 429 ? 'rate_limit_error' : 'server_error',
        code: null,
      },
    }),
  )
}

/** The OpenAI-compatible fake's 400 for a request beyond its output limit or context window. */
function openAILimitRefusal(body: Record<string, unknown>, b: Behaviour): unknown {
  const field = body.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens'
  const asked = body[field] as number | undefined
  if (asked === undefined) return null
  if (b.maxOutputTokens !== undefined && asked > b.maxOutputTokens) {
    return {
      error: {
        message: `${field} is too large: ${asked}. This model supports at most ${b.maxOutputTokens} completion tokens, whereas you provided ${asked}.`,
        type: 'invalid_request_error',
        param: field,
        code: 'invalid_value',
      },
    }
  }
  const input = Math.ceil(JSON.stringify(body.messages ?? body.prompt ?? '').length / 4)
  if (b.contextWindow !== undefined && input + asked > b.contextWindow) {
    return {
      error: {
        message: `'max_tokens' or 'max_completion_tokens' is too large: ${asked}. This model's maximum context length is ${b.contextWindow} tokens and your request has ${input} input tokens (${asked} > ${b.contextWindow} - ${input}). (parameter=max_tokens, value=${asked})`,
        type: 'BadRequestError',
        param: 'max_tokens',
        code: 400,
      },
    }
  }
  return null
}

/** The fake Anthropic's token count: a quarter of the prompt's JSON, so tests can recompute it. */
export function fakeTokenCount(body: Record<string, unknown>): number {
  const { system, messages, tools } = body
  return Math.ceil(JSON.stringify({ system, messages, tools }).length / 4)
}

// Fields of a Messages request that POST /v1/messages/count_tokens refuses as extra inputs.
const NOT_COUNTED = ['max_tokens', 'stream', 'stop_sequences', 'temperature', 'top_p', 'top_k']

/**
 * Anthropic Messages: POST /v1/messages with named SSE events, and POST
 * /v1/messages/count_tokens. The query (`?beta=true`) is accepted and recorded in `path`.
 */
export function startFakeAnthropic(): Promise<FakeUpstream> {
  return start(
    async (req, body, res, _b, stream) => {
      const pathname = req.path.split('?')[0]
      if (req.method === 'GET' && pathname?.startsWith('/v1/models')) {
        return json(res, 200, {
          // The current Models API also states each model's limits.
          data: [
            {
              type: 'model',
              id: 'claude-sonnet-4-5',
              display_name: 'Claude Sonnet 4.5',
              max_input_tokens: 200_000,
              max_tokens: 64_000,
            },
          ],
          has_more: false,
        })
      }
      if (pathname !== '/v1/messages' && pathname !== '/v1/messages/count_tokens')
        return json(res, 404, {
          type: 'error',
          error: { type: 'not_found_error', message: 'no route' },
        })
      if (!req.headers['x-api-key'] || !req.headers['anthropic-version']) {
        return json(res, 401, {
          type: 'error',
          error: {
            type: 'authentication_error',
            message: 'x-api-key and anthropic-version are required',
          },
        })
      }
      if (pathname === '/v1/messages/count_tokens') {
        const extra = NOT_COUNTED.find((k) => k in body)
        if (extra !== undefined || typeof body.model !== 'string')
          return json(res, 400, {
            type: 'error',
            error: {
              type: 'invalid_request_error',
              message: extra ? `${extra}: Extra inputs are not permitted` : 'model: Field required',
            },
          })
        return json(res, 200, { input_tokens: fakeTokenCount(body) })
      }
      if (typeof body.max_tokens !== 'number') {
        return json(res, 400, {
          type: 'error',
          error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
        })
      }
      const model = String(body.model)
      if (_b.maxOutputTokens !== undefined && body.max_tokens > _b.maxOutputTokens) {
        return json(res, 400, {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message: `max_tokens: ${body.max_tokens} > ${_b.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model}`,
          },
        })
      }
      const text = answerText(body)
      if (text.includes('reject this')) {
        return json(res, 400, {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message: 'messages.0: the fake refuses this request',
          },
        })
      }
      const tool = wantsTool(text)
      const content = tool
        ? [
            {
              type: 'tool_use',
              id: 'toolu_fake1',
              name: readFileTool(body),
              input: { path: 'src/app.ts' },
            },
          ]
        : [{ type: 'text', text }]
      const stopReason = tool ? 'tool_use' : 'end_turn'
      const cacheUsage = _b.cacheRead !== undefined ? { cache_read_input_tokens: _b.cacheRead } : {}
      if (!body.stream) {
        return json(res, 200, {
          id: 'msg_fake',
          type: 'message',
          role: 'assistant',
          model,
          content,
          stop_reason: stopReason,
          stop_sequence: null,
          usage: { input_tokens: 13, output_tokens: 5, ...cacheUsage },
        })
      }
      const ev = (type: string, data: Record<string, unknown>) =>
        `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`
      const pieces = [
        ev('message_start', {
          message: {
            id: 'msg_fake',
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 13, output_tokens: 1, ...cacheUsage },
          },
        }),
        ev('ping', {}),
      ]
      if (tool) {
        pieces.push(
          ev('content_block_start', {
            index: 0,
            content_block: {
              type: 'tool_use',
              id: 'toolu_fake1',
              name: readFileTool(body),
              input: {},
            },
          }),
        )
        pieces.push(
          ev('content_block_delta', {
            index: 0,
            delta: { type: 'input_json_delta', partial_json: '{"path":' },
          }),
        )
        pieces.push(
          ev('content_block_delta', {
            index: 0,
            delta: { type: 'input_json_delta', partial_json: '"src/app.ts"}' },
          }),
        )
      } else {
        pieces.push(
          ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        )
        for (const w of [...WORDS, ` (${text})`])
          pieces.push(
            ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: w } }),
          )
      }
      pieces.push(ev('content_block_stop', { index: 0 }))
      pieces.push(
        ev('message_delta', {
          delta: { stop_reason: stopReason, stop_sequence: null },
          usage: { output_tokens: 5 },
        }),
      )
      pieces.push(ev('message_stop', {}))
      return stream('text/event-stream', pieces)
    },
    (status) => ({
      type: 'error',
      error: {
        type:
          status === 429 ? 'rate_limit_error' : status === 529 ? 'overloaded_error' : 'api_error',
        message: `fake anthropic failure ${status}`,
      },
    }),
  )
}

/** Ollama: POST /api/chat and /api/generate, NDJSON when streaming (the default). */
export function startFakeOllama(): Promise<FakeUpstream> {
  return start(
    async (req, body, res, _b, stream) => {
      if (req.method === 'GET' && req.path === '/api/tags')
        return json(res, 200, { models: [{ name: 'qwen2.5-coder:7b' }] })
      if (req.path === '/api/show') {
        // Ollama's documented answer: Modelfile parameters as text, GGUF metadata in model_info.
        return json(res, 200, {
          parameters: 'stop                           "<|im_start|>"',
          model_info: {
            'general.architecture': 'qwen2',
            'qwen2.context_length': _b.contextWindow ?? 32768,
          },
        })
      }
      const model = String(body.model)
      const streaming = body.stream !== false
      const created_at = '2025-01-01T00:00:00Z'
      const final = {
        done: true,
        done_reason: 'stop',
        total_duration: 1,
        prompt_eval_count: 17,
        eval_count: 4,
      }
      const line = (o: unknown) => JSON.stringify(o) + '\n'
      if (req.path === '/api/generate') {
        const text = `echo: ${String(body.prompt)}|${String(body.suffix ?? '')}`
        if (!streaming) return json(res, 200, { model, created_at, response: text, ...final })
        return stream('application/x-ndjson', [
          line({ model, created_at, response: text.slice(0, 5), done: false }),
          line({ model, created_at, response: text.slice(5), done: false }),
          line({ model, created_at, response: '', ...final }),
        ])
      }
      if (req.path !== '/api/chat') return json(res, 404, { error: 'not found' })
      const text = answerText(body)
      const toolCalls = wantsTool(text)
        ? [{ function: { name: readFileTool(body), arguments: { path: 'src/app.ts' } } }]
        : undefined
      if (!streaming) {
        return json(res, 200, {
          model,
          created_at,
          message: {
            role: 'assistant',
            content: toolCalls ? '' : text,
            ...(toolCalls && { tool_calls: toolCalls }),
          },
          ...final,
        })
      }
      const pieces = toolCalls
        ? [
            line({
              model,
              created_at,
              message: { role: 'assistant', content: '', tool_calls: toolCalls },
              done: false,
            }),
          ]
        : [...WORDS, ` (${text})`].map((w) =>
            line({ model, created_at, message: { role: 'assistant', content: w }, done: false }),
          )
      pieces.push(
        line({ model, created_at, message: { role: 'assistant', content: '' }, ...final }),
      )
      return stream('application/x-ndjson', pieces)
    },
    (status) => ({ error: `fake ollama failure ${status}` }),
  )
}

/**
 * OpenAI Responses API: POST /v1/responses, JSON or SSE with named events in OpenAI's order.
 * Answers "echo: <last user text>" (or "echo: tool result: <output>" after a
 * function_call_output), and a function call to read_file when the user asks to "use a tool".
 */
function fakeResponses(body: Record<string, unknown>, res: ServerResponse, stream: Streamer) {
  if (body.input === undefined)
    return json(res, 400, {
      error: {
        message: "Missing required parameter: 'input'.",
        type: 'invalid_request_error',
        param: 'input',
        code: 'missing_required_parameter',
      },
    })
  type Item = { type?: string; role?: string; content?: unknown; output?: unknown }
  const items: Item[] =
    typeof body.input === 'string'
      ? [{ role: 'user', content: body.input }]
      : (body.input as Item[])
  const last = items.at(-1)
  const user = [...items]
    .reverse()
    .find((i) => (i.type ?? 'message') === 'message' && i.role === 'user')
  const userText =
    typeof user?.content === 'string'
      ? user.content
      : ((user?.content as { type: string; text?: string }[] | undefined) ?? [])
          .filter((p) => p.type === 'input_text')
          .map((p) => p.text)
          .join(' ')
  const text =
    last?.type === 'function_call_output'
      ? `echo: tool result: ${String(last.output)}`
      : `echo: ${userText}`
  const tool = last?.type !== 'function_call_output' && wantsTool(text)
  const usage = {
    input_tokens: 21,
    input_tokens_details: { cached_tokens: 4 },
    output_tokens: 9,
    output_tokens_details: { reasoning_tokens: 2 },
    total_tokens: 30,
  }
  const base = {
    id: 'resp_fake1',
    object: 'response',
    created_at: 1_700_000_000,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    model: String(body.model),
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    store: body.store ?? true,
    temperature: null,
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: null,
  }
  const message = {
    type: 'message',
    id: 'msg_fake1',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  }
  const call = {
    type: 'function_call',
    id: 'fc_fake1',
    call_id: 'call_fake1',
    name: 'read_file',
    arguments: '{"path":"src/app.ts"}',
    status: 'completed',
  }
  const item = tool ? call : message
  if (!body.stream) return json(res, 200, { ...base, status: 'completed', output: [item], usage })
  let sequence = 0
  const ev = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`
  const pending = { ...base, status: 'in_progress', output: [], usage: null }
  const pieces = [
    ev('response.created', { response: pending }),
    ev('response.in_progress', { response: pending }),
  ]
  const at = { output_index: 0 }
  if (tool) {
    pieces.push(
      ev('response.output_item.added', {
        ...at,
        item: { ...call, arguments: '', status: 'in_progress' },
      }),
    )
    for (const delta of ['{"path":', '"src/app.ts"}'])
      pieces.push(ev('response.function_call_arguments.delta', { ...at, item_id: call.id, delta }))
    pieces.push(
      ev('response.function_call_arguments.done', {
        ...at,
        item_id: call.id,
        name: call.name,
        arguments: call.arguments,
      }),
    )
  } else {
    const part = { item_id: message.id, ...at, content_index: 0 }
    pieces.push(
      ev('response.output_item.added', {
        ...at,
        item: { ...message, status: 'in_progress', content: [] },
      }),
    )
    pieces.push(
      ev('response.content_part.added', {
        ...part,
        part: { type: 'output_text', text: '', annotations: [] },
      }),
    )
    for (const delta of [...WORDS, ` (${text})`])
      pieces.push(ev('response.output_text.delta', { ...part, delta, logprobs: [] }))
    const full = [...WORDS, ` (${text})`].join('')
    pieces.push(ev('response.output_text.done', { ...part, text: full, logprobs: [] }))
    pieces.push(
      ev('response.content_part.done', {
        ...part,
        part: { type: 'output_text', text: full, annotations: [] },
      }),
    )
    message.content[0]!.text = full
  }
  pieces.push(ev('response.output_item.done', { ...at, item }))
  pieces.push(
    ev('response.completed', { response: { ...base, status: 'completed', output: [item], usage } }),
  )
  return stream('text/event-stream', pieces)
}
