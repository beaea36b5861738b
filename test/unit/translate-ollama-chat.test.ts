import { describe, expect, it } from 'vitest'
import { createNdjsonParser } from '../../src/main/core/providers/ndjson.ts'
import {
  OllamaTranslationError,
  createOllamaChatToOpenAIStream,
  ollamaChatToOpenAI,
  openAIChatToOllama,
  type OllamaChatStreamOutput,
} from '../../src/main/core/providers/translate/ollama-chat.ts'
import type {
  OllamaChatResponse,
  OllamaChatStreamObject,
} from '../../src/main/core/providers/wire/ollama.ts'
import type {
  OpenAIChatChunk,
  OpenAIChatRequest,
  OpenAITool,
} from '../../src/main/core/providers/wire/openai.ts'

const PNG_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

const WEATHER_TOOL: OpenAITool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the weather in a given city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'The city to get the weather for' } },
      required: ['city'],
    },
    strict: true,
  },
}

const TIME_TOOL: OpenAITool = {
  type: 'function',
  function: { name: 'get_time', parameters: { type: 'object', properties: {} } },
}

function chatRequest(extra: Partial<OpenAIChatRequest> = {}): OpenAIChatRequest {
  return { model: 'local-coder', messages: [{ role: 'user', content: 'hi' }], ...extra }
}

describe('openAIChatToOllama: messages', () => {
  it('keeps roles and text, maps developer to system, and always sets stream', () => {
    const out = openAIChatToOllama(
      chatRequest({
        messages: [
          { role: 'developer', content: 'Be terse.' },
          { role: 'user', content: 'why is the sky blue?' },
          { role: 'assistant', content: 'due to rayleigh scattering.' },
          { role: 'user', content: 'how is that different than mie scattering?' },
        ],
      }),
      'llama3.2',
    )
    expect(out).toEqual({
      model: 'llama3.2',
      stream: false,
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'why is the sky blue?' },
        { role: 'assistant', content: 'due to rayleigh scattering.' },
        { role: 'user', content: 'how is that different than mie scattering?' },
      ],
    })
    expect(openAIChatToOllama(chatRequest({ stream: true }), 'llama3.2').stream).toBe(true)
  })

  it('joins text parts and moves data: URL images into base64 `images`', () => {
    const out = openAIChatToOllama(
      chatRequest({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is in this image?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_B64}` } },
              { type: 'text', text: 'answer in one word' },
            ],
          },
        ],
      }),
      'llava',
    )
    expect(out.messages).toEqual([
      { role: 'user', content: 'what is in this image?\nanswer in one word', images: [PNG_B64] },
    ])
  })

  it('base64-encodes a percent-encoded (non-base64) data: URL image', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    const out = openAIChatToOllama(
      chatRequest({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'image_url',
                image_url: { url: `data:image/svg+xml,${encodeURIComponent(svg)}` },
              },
            ],
          },
        ],
      }),
      'llava',
    )
    expect(Buffer.from(out.messages[0]?.images?.[0] ?? '', 'base64').toString('utf8')).toBe(svg)
  })

  it('refuses an http(s) image URL with a message that says what to do', () => {
    const req = chatRequest({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'describe' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    })
    expect(() => openAIChatToOllama(req, 'llava')).toThrow(OllamaTranslationError)
    try {
      openAIChatToOllama(req, 'llava')
    } catch (err) {
      const e = err as OllamaTranslationError
      expect(e.message).toMatch(/cannot fetch image URLs.*https:\/\/example\.com\/cat\.png/)
      expect(e.message).toMatch(/base64 data: URL/)
      expect(e.status).toBe(400)
      expect(e.param).toBe('messages[0].content')
    }
  })

  it('refuses content parts Ollama has no place for (audio)', () => {
    const req = chatRequest({
      messages: [
        {
          role: 'user',
          content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }],
        },
      ],
    })
    expect(() => openAIChatToOllama(req, 'llama3.2')).toThrow(/input_audio/)
  })
})

describe('openAIChatToOllama: tools', () => {
  const history: OpenAIChatRequest['messages'] = [
    { role: 'user', content: 'what is the weather in Toronto, and the time?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_a1',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Toronto"}' },
        },
        { id: 'call_b2', type: 'function', function: { name: 'get_time', arguments: '' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_b2', content: '14:05' },
    {
      role: 'tool',
      tool_call_id: 'call_a1',
      content: [{ type: 'text', text: '11 degrees celsius' }],
    },
    { role: 'tool', tool_call_id: 'call_unknown', content: 'orphan' },
  ]

  it('sends assistant tool calls with object arguments and names each tool result', () => {
    const out = openAIChatToOllama(
      chatRequest({ messages: history, tools: [WEATHER_TOOL, TIME_TOOL] }),
      'llama3.2',
    )
    expect(out.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          { function: { name: 'get_weather', arguments: { city: 'Toronto' } } },
          { function: { name: 'get_time', arguments: {} } },
        ],
      },
      { role: 'tool', content: '14:05', tool_name: 'get_time' },
      { role: 'tool', content: '11 degrees celsius', tool_name: 'get_weather' },
      { role: 'tool', content: 'orphan' },
    ])
  })

  it('uses the latest call with a reused id when naming a tool result', () => {
    const out = openAIChatToOllama(
      chatRequest({
        messages: [
          {
            role: 'assistant',
            tool_calls: [
              { id: 'call_0', type: 'function', function: { name: 'get_time', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_0', content: '14:05' },
          {
            role: 'assistant',
            tool_calls: [
              {
                id: 'call_0',
                type: 'function',
                function: { name: 'get_weather', arguments: '{}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_0', content: 'sunny' },
        ],
      }),
      'llama3.2',
    )
    expect(out.messages.filter((m) => m.role === 'tool').map((m) => m.tool_name)).toEqual([
      'get_time',
      'get_weather',
    ])
  })

  it('sends malformed or non-object arguments from history as {} instead of failing', () => {
    const out = openAIChatToOllama(
      chatRequest({
        messages: [
          {
            role: 'assistant',
            tool_calls: [
              {
                id: 'c1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city": "Tor' },
              },
              {
                id: 'c2',
                type: 'function',
                function: { name: 'get_weather', arguments: '["Toronto"]' },
              },
            ],
          },
        ],
      }),
      'llama3.2',
    )
    expect(out.messages[0]?.tool_calls?.map((c) => c.function.arguments)).toEqual([{}, {}])
  })

  it('offers the tools in the same function shape, without OpenAI-only `strict`', () => {
    const out = openAIChatToOllama(chatRequest({ tools: [WEATHER_TOOL, TIME_TOOL] }), 'llama3.2')
    expect(out.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Get the weather in a given city',
          parameters: WEATHER_TOOL.function.parameters,
        },
      },
      {
        type: 'function',
        function: { name: 'get_time', parameters: { type: 'object', properties: {} } },
      },
    ])
  })

  it('tool_choice none sends no tools; auto and required send all of them', () => {
    const tools = [WEATHER_TOOL, TIME_TOOL]
    expect(
      openAIChatToOllama(chatRequest({ tools, tool_choice: 'none' }), 'm').tools,
    ).toBeUndefined()
    expect(openAIChatToOllama(chatRequest({ tools, tool_choice: 'auto' }), 'm').tools).toHaveLength(
      2,
    )
    expect(
      openAIChatToOllama(chatRequest({ tools, tool_choice: 'required' }), 'm').tools,
    ).toHaveLength(2)
  })

  it('a named tool_choice offers only that tool, and an unknown name is a clear error', () => {
    const tools = [WEATHER_TOOL, TIME_TOOL]
    const out = openAIChatToOllama(
      chatRequest({ tools, tool_choice: { type: 'function', function: { name: 'get_time' } } }),
      'm',
    )
    expect(out.tools?.map((t) => t.function.name)).toEqual(['get_time'])
    expect(() =>
      openAIChatToOllama(
        chatRequest({ tools, tool_choice: { type: 'function', function: { name: 'nope' } } }),
        'm',
      ),
    ).toThrow(/tool_choice names "nope"/)
  })
})

describe('openAIChatToOllama: options and format', () => {
  it('maps sampling fields into options', () => {
    const out = openAIChatToOllama(
      chatRequest({
        temperature: 0.2,
        top_p: 0.9,
        max_tokens: 100,
        stop: '\n\n',
        seed: 42,
        frequency_penalty: 0.5,
        presence_penalty: 1.5,
      }),
      'm',
    )
    expect(out.options).toEqual({
      temperature: 0.2,
      top_p: 0.9,
      num_predict: 100,
      stop: ['\n\n'],
      seed: 42,
      frequency_penalty: 0.5,
      presence_penalty: 1.5,
    })
  })

  it('prefers max_completion_tokens, keeps stop arrays, and ignores nulls', () => {
    const out = openAIChatToOllama(
      chatRequest({
        max_tokens: 100,
        max_completion_tokens: 250,
        stop: ['user:', '</s>'],
        temperature: null,
        top_p: null,
      }),
      'm',
    )
    expect(out.options).toEqual({ num_predict: 250, stop: ['user:', '</s>'] })
  })

  it('sends no options at all when nothing is set, so the Modelfile defaults apply', () => {
    expect(
      openAIChatToOllama(chatRequest({ temperature: null, stop: null }), 'm'),
    ).not.toHaveProperty('options')
  })

  it('maps response_format json_object to "json" and json_schema to the schema', () => {
    const schema = {
      type: 'object',
      properties: { age: { type: 'integer' }, available: { type: 'boolean' } },
      required: ['age', 'available'],
    }
    expect(
      openAIChatToOllama(chatRequest({ response_format: { type: 'json_object' } }), 'm').format,
    ).toBe('json')
    expect(
      openAIChatToOllama(
        chatRequest({
          response_format: {
            type: 'json_schema',
            json_schema: { name: 'person', schema, strict: true },
          },
        }),
        'm',
      ).format,
    ).toEqual(schema)
    expect(
      openAIChatToOllama(chatRequest({ response_format: { type: 'text' } }), 'm'),
    ).not.toHaveProperty('format')
  })
})

describe('ollamaChatToOpenAI', () => {
  it('maps a plain answer with stop reason and usage', () => {
    const res: OllamaChatResponse = {
      model: 'llama3.2',
      created_at: '2023-12-12T14:13:43.416799Z',
      message: { role: 'assistant', content: 'Hello! How are you today?' },
      done: true,
      done_reason: 'stop',
      total_duration: 5191566416,
      prompt_eval_count: 26,
      eval_count: 298,
    }
    const out = ollamaChatToOpenAI(res, 'local-coder')
    expect(out).toMatchObject({
      object: 'chat.completion',
      model: 'local-coder',
      created: Math.floor(Date.parse('2023-12-12T14:13:43.416Z') / 1000),
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello! How are you today?' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 26, completion_tokens: 298, total_tokens: 324 },
    })
    expect(out.id).toMatch(/^chatcmpl-\w+$/)
    expect(out.choices[0]?.message).not.toHaveProperty('tool_calls')
  })

  it('reports length when Ollama stopped at num_predict, and 0 prompt tokens when the count is missing', () => {
    const out = ollamaChatToOpenAI(
      {
        model: 'llama3.2',
        created_at: '2024-01-01T00:00:00Z',
        message: { role: 'assistant', content: 'The sky is' },
        done: true,
        done_reason: 'length',
        eval_count: 3,
      },
      'm',
    )
    expect(out.choices[0]?.finish_reason).toBe('length')
    expect(out.usage).toEqual({ prompt_tokens: 0, completion_tokens: 3, total_tokens: 3 })
  })

  it('turns tool calls into OpenAI calls with ids and JSON-string arguments', () => {
    const out = ollamaChatToOpenAI(
      {
        model: 'llama3.2',
        created_at: '2025-07-07T20:32:53.844124Z',
        message: {
          role: 'assistant',
          content: '',
          tool_calls: [
            { function: { name: 'get_weather', arguments: { city: 'Tokyo' } } },
            {
              function: { name: 'get_weather', arguments: { city: 'Paris', units: { temp: 'C' } } },
            },
          ],
        },
        done_reason: 'stop',
        done: true,
        prompt_eval_count: 169,
        eval_count: 18,
      },
      'm',
    )
    const choice = out.choices[0]
    expect(choice?.finish_reason).toBe('tool_calls')
    expect(choice?.message.content).toBeNull()
    const calls = choice?.message.tool_calls ?? []
    expect(calls.map((c) => [c.type, c.function.name, JSON.parse(c.function.arguments)])).toEqual([
      ['function', 'get_weather', { city: 'Tokyo' }],
      ['function', 'get_weather', { city: 'Paris', units: { temp: 'C' } }],
    ])
    expect(calls.every((c) => /^call_\w+$/.test(c.id))).toBe(true)
    expect(new Set(calls.map((c) => c.id)).size).toBe(2)
  })

  it('keeps an id Ollama sent with a tool call', () => {
    const out = ollamaChatToOpenAI(
      {
        model: 'qwen3',
        created_at: '2025-07-07T20:32:53Z',
        message: {
          role: 'assistant',
          content: '',
          tool_calls: [{ id: 'call_ollama1', function: { name: 'get_time', arguments: {} } }],
        },
        done: true,
      },
      'm',
    )
    expect(out.choices[0]?.message.tool_calls?.[0]).toEqual({
      id: 'call_ollama1',
      type: 'function',
      function: { name: 'get_time', arguments: '{}' },
    })
  })

  it('exposes thinking as reasoning_content, apart from the answer', () => {
    const out = ollamaChatToOpenAI(
      {
        model: 'qwen3',
        created_at: '2025-06-01T00:00:00Z',
        message: { role: 'assistant', content: '4', thinking: '2 + 2 is 4.' },
        done: true,
        done_reason: 'stop',
      },
      'm',
    )
    expect(out.choices[0]?.message).toEqual({
      role: 'assistant',
      content: '4',
      reasoning_content: '2 + 2 is 4.',
    })
  })

  it('round trip: a tool call answered by the client reaches Ollama with its name and arguments', () => {
    const first = ollamaChatToOpenAI(
      {
        model: 'llama3.2',
        created_at: '2025-07-07T20:32:53.844124Z',
        message: {
          role: 'assistant',
          content: '',
          tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Toronto' } } }],
        },
        done: true,
        done_reason: 'stop',
      },
      'local-coder',
    )
    const assistant = first.choices[0]!.message
    const callId = assistant.tool_calls![0]!.id
    // What an OpenAI client sends next: the assistant turn as received, then the tool result.
    const next = openAIChatToOllama(
      chatRequest({
        tools: [WEATHER_TOOL],
        messages: [
          { role: 'user', content: 'what is the weather in Toronto?' },
          { role: 'assistant', content: assistant.content, tool_calls: assistant.tool_calls },
          { role: 'tool', tool_call_id: callId, content: '11 degrees celsius' },
        ],
      }),
      'llama3.2',
    )
    expect(next.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Toronto' } } }],
      },
      { role: 'tool', content: '11 degrees celsius', tool_name: 'get_weather' },
    ])
  })
})

// NDJSON lines as Ollama streams them (docs/api.md, "Chat request (Streaming)").
const TEXT_STREAM = [
  '{"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"The","images":null},"done":false}',
  '{"model":"llama3.2","created_at":"2023-08-04T08:52:19.485406455-07:00","message":{"role":"assistant","content":" sky is"},"done":false}',
  '{"model":"llama3.2","created_at":"2023-08-04T08:52:19.585406455-07:00","message":{"role":"assistant","content":" blue."},"done":false}',
  '{"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":4883583458,"load_duration":1334875,"prompt_eval_count":26,"prompt_eval_duration":342546000,"eval_count":282,"eval_duration":4535599000}',
]
  .map((l) => `${l}\n`)
  .join('')

// "Chat request (Streaming with tools)", with a second call on its own line.
const TOOL_STREAM = [
  '{"model":"llama3.2","created_at":"2025-07-07T20:22:19.184789Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Tokyo"}}}]},"done":false}',
  '{"model":"llama3.2","created_at":"2025-07-07T20:22:19.188789Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_time","arguments":{"tz":"Asia/Tokyo"}}}]},"done":false}',
  '{"model":"llama3.2","created_at":"2025-07-07T20:22:19.19314Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":182242375,"prompt_eval_count":169,"eval_count":15}',
]
  .map((l) => `${l}\n`)
  .join('')

function runStream(pieces: string[], includeUsage: boolean) {
  const parser = createNdjsonParser()
  const stream = createOllamaChatToOpenAIStream({ model: 'local-coder', includeUsage })
  const out: OllamaChatStreamOutput[] = []
  for (const p of pieces) {
    for (const obj of parser.push(p)) out.push(...stream.push(obj as OllamaChatStreamObject))
  }
  for (const obj of parser.end()) out.push(...stream.push(obj as OllamaChatStreamObject))
  out.push(...stream.finish())
  return { out, stream }
}

function chunksOf(out: OllamaChatStreamOutput[]): OpenAIChatChunk[] {
  return out.filter((o): o is OpenAIChatChunk => !('error' in o))
}

// Ids are random per stream; compare everything else.
function withoutIds(chunks: OpenAIChatChunk[]): unknown[] {
  return chunks.map((c) => ({
    ...c,
    id: 'X',
    choices: c.choices.map((ch) => ({
      ...ch,
      delta: { ...ch.delta, tool_calls: ch.delta.tool_calls?.map((t) => ({ ...t, id: 'X' })) },
    })),
  }))
}

describe('createOllamaChatToOpenAIStream', () => {
  it('starts with the role, streams content deltas, ends with finish_reason stop', () => {
    const { out, stream } = runStream([TEXT_STREAM], false)
    const chunks = chunksOf(out)
    expect(chunks).toHaveLength(out.length)
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: 'The' })
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('The sky is blue.')
    expect(chunks.slice(0, -1).every((c) => c.choices[0]?.finish_reason === null)).toBe(true)
    expect(chunks.at(-1)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' })
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1)
    expect(
      chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'local-coder'),
    ).toBe(true)
    expect(chunks.every((c) => !('usage' in c))).toBe(true)
    expect(stream.usage()).toEqual({ input: 26, output: 282 })
  })

  it('adds a usage chunk with no choices only when usage was asked for', () => {
    const { out } = runStream([TEXT_STREAM], true)
    const chunks = chunksOf(out)
    const last = chunks.at(-1)
    expect(last?.choices).toEqual([])
    expect(last?.usage).toEqual({ prompt_tokens: 26, completion_tokens: 282, total_tokens: 308 })
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true)
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop')
  })

  it('gives the same chunks wherever the upstream bytes were split', () => {
    for (const body of [TEXT_STREAM, TOOL_STREAM]) {
      const whole = withoutIds(chunksOf(runStream([body], true).out))
      expect(whole.length).toBeGreaterThan(3)
      for (let i = 1; i < body.length; i++) {
        expect(
          withoutIds(chunksOf(runStream([body.slice(0, i), body.slice(i)], true).out)),
        ).toEqual(whole)
      }
      expect(withoutIds(chunksOf(runStream([...body], true).out))).toEqual(whole)
    }
  })

  it('emits each whole tool call as one delta and finishes with tool_calls', () => {
    const { out, stream } = runStream([TOOL_STREAM], false)
    const chunks = chunksOf(out)
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
    expect(calls).toHaveLength(2)
    expect(calls.map((c) => ({ ...c, id: c.id?.startsWith('call_') }))).toEqual([
      {
        index: 0,
        id: true,
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      },
      {
        index: 1,
        id: true,
        type: 'function',
        function: { name: 'get_time', arguments: '{"tz":"Asia/Tokyo"}' },
      },
    ])
    expect(calls[0]?.id).not.toBe(calls[1]?.id)
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant')
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls')
    expect(stream.usage()).toEqual({ input: 169, output: 15 })
  })

  it('reports length when the stream stopped at num_predict', () => {
    const { out } = runStream(
      [
        '{"model":"m","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":"The sky"},"done":false}\n',
        '{"model":"m","created_at":"2024-01-01T00:00:01Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"length","prompt_eval_count":5,"eval_count":2}\n',
      ],
      false,
    )
    expect(chunksOf(out).at(-1)?.choices[0]?.finish_reason).toBe('length')
  })

  it('streams thinking as reasoning_content deltas, not as content', () => {
    const { out } = runStream(
      [
        '{"model":"qwen3","created_at":"2025-06-01T00:00:00Z","message":{"role":"assistant","content":"","thinking":"Two plus two"},"done":false}\n',
        '{"model":"qwen3","created_at":"2025-06-01T00:00:00Z","message":{"role":"assistant","content":"","thinking":" is four."},"done":false}\n',
        '{"model":"qwen3","created_at":"2025-06-01T00:00:01Z","message":{"role":"assistant","content":"4"},"done":false}\n',
        '{"model":"qwen3","created_at":"2025-06-01T00:00:01Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}\n',
      ],
      false,
    )
    const deltas = chunksOf(out).map(
      (c) => c.choices[0]?.delta as { content?: string; reasoning_content?: string },
    )
    expect(deltas.map((d) => d.reasoning_content ?? '').join('')).toBe('Two plus two is four.')
    expect(deltas.map((d) => d.content ?? '').join('')).toBe('4')
  })

  it('turns a mid-stream error line into an error item and ignores what follows', () => {
    const stream = createOllamaChatToOpenAIStream({ model: 'm', includeUsage: true })
    const first = stream.push({
      model: 'gemma3',
      created_at: '2025-10-26T17:21:21.196249Z',
      message: { role: 'assistant', content: ' Yes' },
      done: false,
    })
    expect(first).toHaveLength(1)
    const err = stream.push({ error: 'an error was encountered while running the model' })
    expect(err).toEqual([
      {
        error: {
          message: 'Ollama failed mid-stream: an error was encountered while running the model',
          type: 'upstream_error',
          code: null,
        },
      },
    ])
    expect(
      stream.push({
        model: 'gemma3',
        created_at: '',
        message: { role: 'assistant', content: 'x' },
        done: true,
      }),
    ).toEqual([])
    expect(stream.finish()).toEqual([])
    expect(stream.usage()).toBeNull()
  })

  it('finish() reports an error when Ollama never said done, and nothing after a clean end', () => {
    const cut = runStream([TEXT_STREAM.split('\n').slice(0, 2).join('\n') + '\n'], false).out
    expect(cut.at(-1)).toMatchObject({
      error: {
        type: 'upstream_error',
        message: expect.stringMatching(/before Ollama reported it done/),
      },
    })
    const clean = runStream([TEXT_STREAM], false).out
    expect(clean.some((o) => 'error' in o)).toBe(false)
  })
})

describe('openAIChatToOllama: system messages after the first turn', () => {
  it('stay system messages at their place, never folded into a user turn', () => {
    const out = openAIChatToOllama(
      chatRequest({
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: 'a1' },
          { role: 'system', content: '<env>cwd: /shop</env>' },
          { role: 'developer', content: 'Plan mode.' },
          { role: 'user', content: 'q2' },
        ],
      }),
      'llama3.2',
    )
    expect(out.messages).toEqual([
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'system', content: '<env>cwd: /shop</env>' },
      { role: 'system', content: 'Plan mode.' },
      { role: 'user', content: 'q2' },
    ])
  })
})
