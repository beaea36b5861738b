import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type OpenAI from 'openai'
import type { FakeUpstream } from '../helpers/fake-upstreams.ts'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

// The OpenAI Responses API (Codex CLI's only dialect) through /v1/mux/responses, driven by the
// official openai client: translated for chat, Anthropic and Ollama targets, passed through to
// providers of kind openai.

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  // An OpenAI-compatible server that is not OpenAI: it speaks chat completions only.
  await w.t.core.api.createProvider({
    id: 'vl',
    name: 'vLLM',
    kind: 'vllm',
    endpoint: w.openaiUp.url + '/v1',
  })
  w.openaiUp.requests.length = 0
})
afterAll(() => w.close())

const tools: OpenAI.Responses.FunctionTool[] = [
  {
    type: 'function',
    name: 'read_file',
    description: 'Read a file',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    strict: false,
  },
]

/** The next turn of a tool loop: the input so far, the model's call, and the file it read. */
const answerCall = (
  model: string,
  input: OpenAI.Responses.ResponseInputItem[],
  call: OpenAI.Responses.ResponseFunctionToolCall,
  tools: OpenAI.Responses.Tool[],
) =>
  w.openai.responses.create({
    model,
    input: [
      ...input,
      call,
      { type: 'function_call_output', call_id: call.call_id, output: 'file body' },
    ],
    tools,
    store: false,
  })

const lastBody = (up: FakeUpstream) => up.bodies().at(-1)!
const lastPath = (up: FakeUpstream) => up.requests.at(-1)!.path

const translated = [
  [
    'an OpenAI-compatible server (vLLM)',
    'vl',
    'qwen3-coder',
    () => w.openaiUp,
    '/v1/chat/completions',
  ],
  ['Anthropic', 'claude', 'claude-sonnet-4-5', () => w.anthropicUp, '/v1/messages'],
  ['Ollama', 'local', 'qwen2.5-coder:7b', () => w.ollamaUp, '/api/chat'],
] as const

describe.each(translated)(
  'a Responses client talking to %s',
  (_name, provider, model, up, path) => {
    const via = `${provider}/${model}`

    it('gets a Responses answer with usage, the instructions sent as the system prompt', async () => {
      const res = await w.openai.responses.create({
        model: via,
        instructions: 'Be brief.',
        input: 'What is 2+2?',
        max_output_tokens: 50,
        store: false,
      })
      expect(res.object).toBe('response')
      expect(res.id).toMatch(/^resp_/)
      expect(res.status).toBe('completed')
      expect(res.output_text).toBe('echo: What is 2+2?')
      expect(res.output[0]).toMatchObject({
        type: 'message',
        role: 'assistant',
        id: expect.stringMatching(/^msg_/),
      })
      expect(res.usage!.input_tokens).toBeGreaterThan(0)
      expect(res.usage!.total_tokens).toBe(res.usage!.input_tokens + res.usage!.output_tokens)
      expect(lastPath(up())).toBe(path)
      const sent = JSON.stringify(lastBody(up()))
      expect(sent).toContain('Be brief.')
      expect(sent).not.toContain('max_output_tokens')
    })

    it('streams the events Codex reads, numbered in order, ending with response.completed', async () => {
      const stream = w.openai.responses.stream({ model: via, input: 'stream please', store: false })
      const events: OpenAI.Responses.ResponseStreamEvent[] = []
      for await (const event of stream) events.push(event)
      const final = await stream.finalResponse()
      expect(final.output_text).toBe('Hello from the fake upstream (echo: stream please)')
      expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i))
      const types = events.map((e) => e.type)
      expect(types.slice(0, 4)).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
      ])
      expect(types.slice(-4)).toEqual([
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ])
      expect(types.filter((t) => t === 'response.output_text.delta').length).toBeGreaterThan(3)
      const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent
      expect(completed.response.usage!.input_tokens).toBeGreaterThan(0)
      const [entry] = await loggedRequests(w.t)
      expect(entry).toMatchObject({ route: 'responses', provider, stream: true })
      expect(entry!.tokensIn).toBeGreaterThan(0)
    })

    it('runs a two-turn tool loop with store: false, the full input sent each turn', async () => {
      const input: OpenAI.Responses.ResponseInputItem[] = [
        { role: 'user', content: [{ type: 'input_text', text: 'please use a tool' }] },
      ]
      const stream = await w.openai.responses.create({
        model: via,
        input,
        tools,
        tool_choice: 'auto',
        parallel_tool_calls: false,
        store: false,
        stream: true,
      })
      let args = ''
      let final: OpenAI.Responses.Response | undefined
      for await (const event of stream) {
        if (event.type === 'response.function_call_arguments.delta') args += event.delta
        if (event.type === 'response.completed') final = event.response
      }
      const call = final!.output.find((i) => i.type === 'function_call')!
      expect(call).toMatchObject({ name: 'read_file', id: expect.stringMatching(/^fc_/) })
      expect(JSON.parse(call.arguments)).toEqual({ path: 'src/app.ts' })
      expect(args).toBe(call.arguments)

      const next = await answerCall(via, input, call, tools)
      expect(next.output_text).toBe('echo: tool result: file body')
      // The call and its result reached the target paired, in the target's own format.
      const sent = JSON.stringify(lastBody(up()))
      expect(sent).toContain('file body')
      expect(sent).toContain('read_file')
    })

    it('carries a namespace tool (Codex groups its sub-agent tools so) both ways', async () => {
      // The SDK's types predate namespace tools; the wire shape is OpenAI's documented one.
      const grouped = [
        { type: 'namespace', name: 'files', description: 'Files.', tools },
      ] as unknown as OpenAI.Responses.Tool[]
      const input: OpenAI.Responses.ResponseInputItem[] = [
        { role: 'user', content: 'please use a tool' },
      ]
      const first = await w.openai.responses.create({
        model: via,
        input,
        tools: grouped,
        store: false,
      })
      const call = first.output.find((i) => i.type === 'function_call')!
      expect(call).toMatchObject({ name: 'read_file', namespace: 'files' })
      expect(JSON.stringify(lastBody(up()))).toContain('files__read_file')

      const stream = await w.openai.responses.create({
        model: via,
        input,
        tools: grouped,
        store: false,
        stream: true,
      })
      let streamed: OpenAI.Responses.Response | undefined
      for await (const event of stream)
        if (event.type === 'response.completed') streamed = event.response
      expect(streamed!.output.find((i) => i.type === 'function_call')).toMatchObject({
        name: 'read_file',
        namespace: 'files',
      })

      const next = await answerCall(via, input, call, grouped)
      expect(next.output_text).toBe('echo: tool result: file body')
      // The earlier call reached the target under the same qualified name it was offered.
      const history = JSON.stringify(lastBody(up()))
      expect(history.match(/files__read_file/g)!.length).toBeGreaterThanOrEqual(2)
    })

    it('refuses previous_response_id with a 400 naming the field', async () => {
      const err = (await w.openai.responses
        .create({ model: via, input: 'again', previous_response_id: 'resp_123' })
        .catch((e: unknown) => e)) as { status: number; error: { param: string; message: string } }
      expect(err.status).toBe(400)
      expect(err.error.param).toBe('previous_response_id')
      expect(err.error.message).toContain('store')
    })
  },
)

describe('a Responses client talking to OpenAI itself (provider kind openai)', () => {
  it('passes the request through to /responses, unknown fields kept and the model replaced', async () => {
    const res = await w.openai.responses.create({
      model: 'oai/gpt-4o',
      instructions: 'Be brief.',
      input: 'native please',
      prompt_cache_key: 'codex-session-1',
      include: ['reasoning.encrypted_content'],
      store: false,
    })
    expect(lastPath(w.openaiUp)).toBe('/v1/responses')
    expect(lastBody(w.openaiUp)).toMatchObject({
      model: 'gpt-4o',
      prompt_cache_key: 'codex-session-1',
      include: ['reasoning.encrypted_content'],
      input: 'native please',
    })
    expect(res.id).toBe('resp_fake1')
    expect(res.output_text).toBe('echo: native please')
    expect(res.usage!.input_tokens_details.cached_tokens).toBe(4)
    const [entry] = await loggedRequests(w.t)
    expect(entry).toMatchObject({ route: 'responses', provider: 'oai', tokensIn: 21, tokensOut: 9 })
  })

  it('relays the event stream as received and logs its usage', async () => {
    const stream = w.openai.responses.stream({ model: 'oai/gpt-4o', input: 'stream natively' })
    const types: string[] = []
    for await (const event of stream) types.push(event.type)
    const final = await stream.finalResponse()
    expect(final.id).toBe('resp_fake1')
    expect(final.output_text).toBe('Hello from the fake upstream (echo: stream natively)')
    expect(types.at(-1)).toBe('response.completed')
    const [entry] = await loggedRequests(w.t)
    expect(entry).toMatchObject({ provider: 'oai', stream: true, tokensIn: 21, tokensOut: 9 })
  })

  it('runs the tool loop natively and lets previous_response_id through', async () => {
    const first = await w.openai.responses.create({
      model: 'oai/gpt-4o',
      input: 'use a tool please',
      tools,
    })
    const call = first.output.find((i) => i.type === 'function_call')!
    expect(call).toMatchObject({ name: 'read_file', call_id: 'call_fake1' })
    const next = await w.openai.responses.create({
      model: 'oai/gpt-4o',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'native body' }],
      tools,
    })
    expect(next.output_text).toBe('echo: tool result: native body')
    expect(lastBody(w.openaiUp).previous_response_id).toBe('resp_fake1')
  })
})

describe('Responses requests Switchboard cannot serve', () => {
  const post = (body: unknown) =>
    fetch(w.t.url + '/v1/mux/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it.each([
    [{ model: 'vl/qwen3-coder', input: 5 }, 'input'],
    [{ model: 'vl/qwen3-coder', input: 'hi', tools: 'x' }, 'tools'],
    [
      {
        model: 'vl/qwen3-coder',
        input: 'hi',
        tools: [{ type: 'function', function: { name: 'f' } }],
      },
      'tools[0].name',
    ],
    [
      { model: 'vl/qwen3-coder', input: 'hi', tools: [{ type: 'namespace', name: 'files' }] },
      'tools[0].tools',
    ],
    [
      {
        model: 'vl/qwen3-coder',
        input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: '{}', namespace: 7 }],
      },
      'input[0].namespace',
    ],
    [{ model: 'vl/qwen3-coder', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0]'],
    [
      { model: 'vl/qwen3-coder', input: 'hi', previous_response_id: 'resp_1' },
      'previous_response_id',
    ],
  ])('answers %j with a 400 naming %s', async (body, param) => {
    const res = await post(body)
    expect(res.status).toBe(400)
    const json = (await res.json()) as { error: { param: string; message: string; type: string } }
    expect(json.error).toMatchObject({ param, type: 'invalid_request_error' })
    expect(json.error.message.length).toBeGreaterThan(10)
  })

  it('ends a stream that breaks off with response.failed', async () => {
    w.openaiUp.behaviour.breakAfter = 3
    w.openaiUp.behaviour.pieceDelayMs = 20
    try {
      const stream = await w.openai.responses.create({
        model: 'vl/qwen3-coder',
        input: 'break please',
        stream: true,
      })
      const types: string[] = []
      let failed: OpenAI.Responses.ResponseFailedEvent | undefined
      for await (const event of stream) {
        types.push(event.type)
        if (event.type === 'response.failed') failed = event
      }
      expect(types[0]).toBe('response.created')
      expect(types).toContain('response.output_text.delta')
      expect(types).not.toContain('response.completed')
      expect(failed!.response.status).toBe('failed')
      expect(failed!.response.error!.message).toContain('broke off')
    } finally {
      w.openaiUp.behaviour.breakAfter = undefined
      w.openaiUp.behaviour.pieceDelayMs = undefined
    }
  })

  it('previews the routing decision of a Responses body', async () => {
    const res = await w.t.api('/route-preview', {
      method: 'POST',
      body: JSON.stringify({
        route: 'responses',
        body: { model: 'local/qwen2.5-coder:7b', instructions: 'x', input: 'hello' },
      }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      via: 'direct',
      target: { provider: 'local', model: 'qwen2.5-coder:7b' },
    })
  })
})
