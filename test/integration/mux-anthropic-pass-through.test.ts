import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type Anthropic from '@anthropic-ai/sdk'
import { fakeTokenCount } from '../helpers/fake-upstreams.ts'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

// Claude Code talks to Switchboard through the official SDK's beta client: beta flags in the
// anthropic-beta header, `?beta=true` on the URL, beta-only fields in the body. The SDK 1.x used
// here no longer adds `?beta=true` itself (Claude Code 2.1's bundled one does), so tests add it.
const BETA_QUERY = { query: { beta: 'true' } }

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
})
afterAll(() => w.close())

const BETAS = ['interleaved-thinking-2025-05-14', 'context-management-2025-06-27']

/** A Claude Code style body with beta-only fields; the SDK's types lag the API, hence the cast. */
function betaBody(model: string): Anthropic.Beta.Messages.MessageCreateParamsNonStreaming {
  return {
    model,
    max_tokens: 200,
    betas: BETAS,
    system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: 'hello with betas' }],
    context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
    output_config: { effort: 'high' },
    tools: [
      {
        name: 'read_file',
        description: 'Read a file',
        input_schema: { type: 'object', properties: { path: { type: 'string' } } },
        defer_loading: true,
        eager_input_streaming: true,
        input_examples: [{ path: 'a.ts' }],
      },
    ],
    metadata: { user_id: 'dev-1' },
  } as Anthropic.Beta.Messages.MessageCreateParamsNonStreaming
}

const lastRequest = (up: MuxWorld['anthropicUp']) => up.requests.at(-1)!

describe('Claude Code to an Anthropic provider', () => {
  it('keeps the beta header, the version, the ?beta=true query and the beta fields', async () => {
    const msg = await w.anthropic.beta.messages.create(betaBody('claude/claude-sonnet-4-5'), {
      ...BETA_QUERY,
      // A version other than Switchboard's own default (2023-06-01), to see whose arrives.
      headers: {
        'anthropic-version': '2026-10-21',
        'anthropic-dangerous-direct-browser-access': 'true',
      },
    })
    expect(msg.content[0]).toMatchObject({ type: 'text', text: 'echo: hello with betas' })
    const sent = lastRequest(w.anthropicUp)
    expect(sent.path).toBe('/v1/messages?beta=true')
    expect(String(sent.headers['anthropic-beta']).split(',')).toEqual(expect.arrayContaining(BETAS))
    expect(sent.headers['anthropic-version']).toBe('2026-10-21')
    expect(sent.headers['anthropic-dangerous-direct-browser-access']).toBe('true')
    const body = JSON.parse(sent.body) as Record<string, unknown>
    expect(body.model).toBe('claude-sonnet-4-5')
    expect(body.context_management).toEqual({ edits: [{ type: 'clear_tool_uses_20250919' }] })
    expect((body.tools as { defer_loading?: boolean }[])[0]!.defer_loading).toBe(true)
  })

  it("uses the provider's key, never the client's", async () => {
    await w.anthropic.beta.messages.create(betaBody('claude/claude-sonnet-4-5'))
    const sent = lastRequest(w.anthropicUp)
    expect(sent.headers['x-api-key']).toBe('sk-ant-2222')
    expect(sent.headers.authorization).toBeUndefined()
    expect(Object.values(sent.headers)).not.toContain('anything') // the client's own key
  })

  it('drops only the OAuth beta, which belongs to the client credential that is replaced', async () => {
    await w.anthropic.messages.create(
      {
        model: 'claude/claude-sonnet-4-5',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'subscription user' }],
      },
      {
        headers: {
          'anthropic-beta':
            'claude-code-20250219,oauth-2025-04-20,fine-grained-tool-streaming-2025-05-14',
        },
      },
    )
    expect(lastRequest(w.anthropicUp).headers['anthropic-beta']).toBe(
      'claude-code-20250219,fine-grained-tool-streaming-2025-05-14',
    )
  })

  it('keeps the header and query on streams too', async () => {
    const stream = await w.anthropic.beta.messages.create(
      {
        ...betaBody('claude/claude-sonnet-4-5'),
        stream: true,
      },
      BETA_QUERY,
    )
    let text = ''
    for await (const ev of stream)
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text
    expect(text).toContain('echo: hello with betas')
    const sent = lastRequest(w.anthropicUp)
    expect(sent.path).toBe('/v1/messages?beta=true')
    expect(String(sent.headers['anthropic-beta'])).toContain('context-management-2025-06-27')
  })
})

// The fields a canonical OpenAI chat request built from an Anthropic one may carry.
const OPENAI_KEYS = [
  'model',
  'messages',
  'max_tokens',
  'temperature',
  'top_p',
  'stop',
  'stream',
  'stream_options',
  'user',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
]

describe('Claude Code to targets that do not speak Anthropic', () => {
  it('sends no beta field, header or query to an OpenAI-compatible upstream', async () => {
    const msg = await w.anthropic.beta.messages.create(betaBody('oai/gpt-4o'), BETA_QUERY)
    expect(msg.content[0]).toMatchObject({ type: 'text', text: 'echo: hello with betas' })
    const sent = w.openaiUp.requests.at(-1)!
    expect(sent.path).toBe('/v1/chat/completions')
    expect(sent.headers['anthropic-beta']).toBeUndefined()
    expect(sent.headers.authorization).toBe('Bearer sk-oai-1111')
    const body = JSON.parse(sent.body) as Record<string, unknown>
    for (const key of Object.keys(body)) expect(OPENAI_KEYS).toContain(key)
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'read_file',
          description: 'Read a file',
          parameters: { type: 'object', properties: { path: { type: 'string' } } },
        },
      },
    ])
    expect(sent.body).not.toMatch(/defer_loading|context_management|output_config|cache_control/)
  })

  it('sends no beta field to Ollama', async () => {
    await w.anthropic.beta.messages.create(betaBody('local/qwen2.5-coder:7b'))
    const sent = w.ollamaUp.requests.at(-1)!
    expect(sent.path).toBe('/api/chat')
    expect(sent.body).not.toMatch(/defer_loading|context_management|output_config|cache_control/)
  })
})

describe('count_tokens', () => {
  const prompt = {
    system: 'You are Claude Code.',
    messages: [
      { role: 'user' as const, content: 'How many tokens is this question?' },
      { role: 'assistant' as const, content: 'Let me count.' },
      { role: 'user' as const, content: 'Go on.' },
    ],
  }

  it('asks an Anthropic target, with the model replaced and the same header handling', async () => {
    const count = await w.anthropic.beta.messages.countTokens(
      {
        model: 'claude/claude-sonnet-4-5',
        betas: ['context-management-2025-06-27'],
        ...prompt,
      },
      BETA_QUERY,
    )
    const sent = lastRequest(w.anthropicUp)
    expect(sent.path).toBe('/v1/messages/count_tokens?beta=true')
    expect(String(sent.headers['anthropic-beta'])).toContain('context-management-2025-06-27')
    expect(sent.headers['x-api-key']).toBe('sk-ant-2222')
    const body = JSON.parse(sent.body) as Record<string, unknown>
    expect(body.model).toBe('claude-sonnet-4-5')
    expect(count.input_tokens).toBe(fakeTokenCount(body))
  })

  it('answers on /v1/mux/messages/count_tokens too, and logs the request', async () => {
    const res = await fetch(`${w.t.url}/v1/mux/messages/count_tokens`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'user-agent': 'claude-cli/2.1.3 (external, cli)',
      },
      body: JSON.stringify({ model: 'claude/claude-sonnet-4-5', ...prompt }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-switchboard-count')).toBe('upstream')
    expect(((await res.json()) as { input_tokens: number }).input_tokens).toBeGreaterThan(0)
    const [entry] = await loggedRequests(w.t)
    expect(entry).toMatchObject({ route: 'count_tokens', client: 'Claude Code', status: 200 })
  })

  it.each([
    ['OpenAI-compatible', 'oai/gpt-4o'],
    ['Ollama', 'local/qwen2.5-coder:7b'],
  ])('estimates locally for an %s target, which is not asked', async (_name, model) => {
    const before = w.openaiUp.requests.length + w.ollamaUp.requests.length
    const short = await w.anthropic.messages.countTokens({ model, ...prompt }).withResponse()
    expect(short.response.headers.get('x-switchboard-count')).toBe('estimate')
    expect(Number.isInteger(short.data.input_tokens)).toBe(true)
    expect(short.data.input_tokens).toBeGreaterThan(10)
    const long = await w.anthropic.messages.countTokens({
      model,
      ...prompt,
      messages: [...prompt.messages, { role: 'user', content: 'and more words '.repeat(200) }],
    })
    expect(long.input_tokens).toBeGreaterThan(short.data.input_tokens + 300)
    expect(w.openaiUp.requests.length + w.ollamaUp.requests.length).toBe(before)
  })

  it('estimates locally when an Anthropic-compatible server has no count_tokens endpoint', async () => {
    await w.t.core.api.createProvider({
      id: 'compat',
      name: 'Anthropic-compatible',
      kind: 'anthropic',
      endpoint: w.openaiUp.url, // answers 404 for /v1/messages/count_tokens
      apiKey: 'sk-compat',
    })
    const { data, response } = await w.anthropic.messages
      .countTokens({ model: 'compat/some-model', ...prompt })
      .withResponse()
    expect(response.headers.get('x-switchboard-count')).toBe('estimate')
    expect(data.input_tokens).toBeGreaterThan(10)
    expect(w.openaiUp.requests.at(-1)!.path).toBe('/v1/messages/count_tokens')
  })

  it("relays the Anthropic target's own 4xx in Anthropic's format", async () => {
    const res = await fetch(`${w.t.url}/v1/mux/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude/claude-sonnet-4-5', max_tokens: 10, ...prompt }),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
    })
  })
})

describe('a mid-conversation system message', () => {
  const conversation = [
    { role: 'user', content: 'first question' },
    { role: 'assistant', content: 'first answer' },
    { role: 'system', content: '<env>cwd: /home/dev/shop</env>' },
    { role: 'user', content: 'second question' },
  ] as Anthropic.Beta.Messages.BetaMessageParam[]

  const send = (model: string) =>
    w.anthropic.beta.messages.create({
      model,
      max_tokens: 50,
      system: 'You are Claude Code.',
      messages: conversation,
    })

  it('stays a system message at its place for an OpenAI-compatible target', async () => {
    const msg = await send('oai/gpt-4o')
    expect(msg.content[0]).toMatchObject({ text: 'echo: second question' })
    const body = w.openaiUp.bodies().at(-1) as { messages: { role: string; content: unknown }[] }
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are Claude Code.' },
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer' },
      { role: 'system', content: '<env>cwd: /home/dev/shop</env>' },
      { role: 'user', content: 'second question' },
    ])
  })

  it('stays a system message at its place for Ollama', async () => {
    await send('local/qwen2.5-coder:7b')
    const body = w.ollamaUp.bodies().at(-1) as { messages: { role: string; content: string }[] }
    expect(body.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'system',
      'user',
    ])
    expect(body.messages[3]!.content).toBe('<env>cwd: /home/dev/shop</env>')
  })

  it('reaches an Anthropic target exactly as sent', async () => {
    await send('claude/claude-sonnet-4-5')
    const body = w.anthropicUp.bodies().at(-1) as { messages: unknown[] }
    expect(body.messages).toEqual(conversation)
  })

  it('from an OpenAI client joins the Anthropic system as its own block, in order', async () => {
    await w.openai.chat.completions.create({
      model: 'claude/claude-sonnet-4-5',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'developer', content: 'The user switched to plan mode.' },
        { role: 'user', content: 'second question' },
      ],
    })
    const body = w.anthropicUp.bodies().at(-1) as {
      system: unknown
      messages: { role: string; content: unknown }[]
    }
    expect(body.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'The user switched to plan mode.' },
    ])
    expect(body.messages).toEqual([
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content: 'second question' },
    ])
  })
})

describe('the request log', () => {
  it('lists a request to an unknown proxy path, with its client', async () => {
    const res = await fetch(`${w.t.url}/v1/mux/v1/messages/batches`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'user-agent': 'claude-cli/2.1.3 (external, cli)',
      },
      body: '{}',
    })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } })
    const listed = (await (await w.t.api('/requests')).json()) as {
      requests: { status: number; client: string; error: string | null; route: string }[]
    }
    expect(listed.requests[0]).toMatchObject({ status: 404, client: 'Claude Code' })
    expect(listed.requests[0]!.error).toContain('/v1/mux/v1/messages/batches')
  })

  it('lists a request with a body that is not JSON, with its client', async () => {
    const res = await fetch(`${w.t.url}/v1/mux/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'opencode/1.0.40' },
      body: '{"model": ',
    })
    expect(res.status).toBe(400)
    const [entry] = await loggedRequests(w.t)
    expect(entry).toMatchObject({ status: 400, client: 'opencode', route: 'chat' })
  })
})
