import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream.mjs'
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream.mjs'
import { describe, expect, it } from 'vitest'
import { createSseParser, formatSse } from '../../src/main/core/providers/sse.ts'
import {
  createAnthropicToOpenAIStream,
  createOpenAIToAnthropicStream,
  type StreamOut,
} from '../../src/main/core/providers/translate/anthropic-stream.ts'
import type { AnthropicStreamEvent } from '../../src/main/core/providers/wire/anthropic.ts'
import type { OpenAIChatChunk } from '../../src/main/core/providers/wire/openai.ts'

// A Claude Code style streamed turn (streaming docs): thinking, text, then two parallel tool
// calls whose input arrives as input_json_delta fragments, on a prompt-cached request.
const CLAUDE_EVENTS: AnthropicStreamEvent[] = [
  {
    type: 'message_start',
    message: {
      id: 'msg_014p7gG3wDgGV9EUtLvnow3U',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        cache_creation_input_tokens: 100,
        cache_read_input_tokens: 2000,
        output_tokens: 1,
      },
    },
  },
  {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'thinking', thinking: '', signature: '' },
  },
  { type: 'ping' },
  {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'thinking_delta', thinking: 'Let me check' },
  },
  {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'thinking_delta', thinking: ' the files.' },
  },
  {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'signature_delta', signature: 'EqQBCgIYAh' },
  },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: "I'll read both " } },
  {
    type: 'content_block_delta',
    index: 1,
    delta: { type: 'text_delta', text: 'files — ünïcode.' },
  },
  { type: 'content_block_stop', index: 1 },
  {
    type: 'content_block_start',
    index: 2,
    content_block: { type: 'tool_use', id: 'toolu_01', name: 'Read', input: {} },
  },
  { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } },
  {
    type: 'content_block_delta',
    index: 2,
    delta: { type: 'input_json_delta', partial_json: '{"file_path": "/repo/' },
  },
  {
    type: 'content_block_delta',
    index: 2,
    delta: { type: 'input_json_delta', partial_json: 'src/a.ts"}' },
  },
  { type: 'content_block_stop', index: 2 },
  {
    type: 'content_block_start',
    index: 3,
    content_block: { type: 'tool_use', id: 'toolu_02', name: 'Read', input: {} },
  },
  {
    type: 'content_block_delta',
    index: 3,
    delta: { type: 'input_json_delta', partial_json: '{"file_path":"/repo/src/b.ts"}' },
  },
  { type: 'content_block_stop', index: 3 },
  {
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 89 },
  },
  { type: 'message_stop' },
]

const CLAUDE_SSE = CLAUDE_EVENTS.map((e) => formatSse(JSON.stringify(e), e.type)).join('')

// The same kind of turn from an OpenAI-compatible server with stream_options.include_usage.
const base = {
  id: 'chatcmpl-123',
  object: 'chat.completion.chunk' as const,
  created: 1,
  model: 'gpt-4o',
}
const delta = (d: OpenAIChatChunk['choices'][number]['delta'] & Record<string, unknown>) => ({
  ...base,
  choices: [{ index: 0, delta: d, finish_reason: null }],
})
const OPENAI_CHUNKS: OpenAIChatChunk[] = [
  delta({ role: 'assistant', content: '', refusal: null }),
  delta({ content: 'Reading ' }),
  delta({ content: 'both.' }),
  delta({
    tool_calls: [
      { index: 0, id: 'call_a', type: 'function', function: { name: 'read_file', arguments: '' } },
    ],
  }),
  delta({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
  delta({ tool_calls: [{ index: 0, function: { arguments: '"src/a.ts"}' } }] }),
  delta({
    tool_calls: [
      { index: 1, id: 'call_b', type: 'function', function: { name: 'read_file', arguments: '' } },
    ],
  }),
  delta({ tool_calls: [{ index: 1, function: { arguments: '{"path":"src/b.ts"}' } }] }),
  { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
  {
    ...base,
    choices: [],
    usage: {
      prompt_tokens: 1117,
      completion_tokens: 46,
      total_tokens: 1163,
      prompt_tokens_details: { cached_tokens: 1024 },
    },
  },
]

function runAnthropicToOpenAI(pieces: string[], includeUsage = true) {
  const parser = createSseParser()
  const translator = createAnthropicToOpenAIStream({ model: 'mux', includeUsage })
  const out: StreamOut[] = []
  for (const piece of pieces) for (const e of parser.push(piece)) out.push(...translator.push(e))
  for (const e of parser.end()) out.push(...translator.push(e))
  out.push(...translator.finish())
  return { out, usage: translator.usage() }
}

function runOpenAIToAnthropic(chunks: OpenAIChatChunk[], thinking?: boolean) {
  const translator = createOpenAIToAnthropicStream({ model: 'claude-via-mux', thinking })
  const events: AnthropicStreamEvent[] = []
  for (const chunk of chunks) events.push(...translator.push(chunk))
  events.push(...translator.finish())
  return { events, usage: translator.usage() }
}

function ndjson(items: unknown[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(items.map((i) => `${JSON.stringify(i)}\n`).join(''))
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
}

/** What the official Anthropic SDK assembles from our events. */
function anthropicSdkMessage(events: AnthropicStreamEvent[]) {
  return MessageStream.fromReadableStream(ndjson(events)).finalMessage()
}

/** What the official OpenAI SDK assembles from our chunks. */
function openAISdkCompletion(chunks: StreamOut[]) {
  return ChatCompletionStream.fromReadableStream(ndjson(chunks)).finalChatCompletion()
}

/** The ordering rules Anthropic clients rely on. */
function expectWellFormed(events: AnthropicStreamEvent[]): void {
  expect(events[0]?.type).toBe('message_start')
  expect(events.at(-1)?.type).toBe('message_stop')
  expect(events.at(-2)?.type).toBe('message_delta')
  let open: number | null = null
  let next = 0
  for (const e of events.slice(1, -2)) {
    if (e.type === 'content_block_start') {
      expect(open).toBeNull()
      expect(e.index).toBe(next++)
      open = e.index
    } else if (e.type === 'content_block_delta') expect(e.index).toBe(open)
    else if (e.type === 'content_block_stop') {
      expect(e.index).toBe(open)
      open = null
    } else throw new Error(`unexpected ${e.type} inside the message`)
  }
  expect(open).toBeNull()
}

const withoutCreated = (items: StreamOut[]) =>
  items.map((i) => ('created' in i ? { ...i, created: 0 } : i))

describe('createAnthropicToOpenAIStream', () => {
  it('emits role, reasoning, text, indexed tool-call deltas, finish and usage chunks', () => {
    const { out } = runAnthropicToOpenAI([CLAUDE_SSE])
    const chunks = out as OpenAIChatChunk[]
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'mux')).toBe(
      true,
    )
    expect(chunks.every((c) => c.id === 'msg_014p7gG3wDgGV9EUtLvnow3U')).toBe(true)
    expect(chunks.map((c) => [c.choices[0]?.delta, c.choices[0]?.finish_reason])).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ reasoning_content: 'Let me check' }, null],
      [{ reasoning_content: ' the files.' }, null],
      [{ content: "I'll read both " }, null],
      [{ content: 'files — ünïcode.' }, null],
      [
        {
          tool_calls: [
            {
              index: 0,
              id: 'toolu_01',
              type: 'function',
              function: { name: 'Read', arguments: '' },
            },
          ],
        },
        null,
      ],
      [{ tool_calls: [{ index: 0, function: { arguments: '{"file_path": "/repo/' } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: 'src/a.ts"}' } }] }, null],
      [
        {
          tool_calls: [
            {
              index: 1,
              id: 'toolu_02',
              type: 'function',
              function: { name: 'Read', arguments: '' },
            },
          ],
        },
        null,
      ],
      [
        { tool_calls: [{ index: 1, function: { arguments: '{"file_path":"/repo/src/b.ts"}' } }] },
        null,
      ],
      [{}, 'tool_calls'],
      [undefined, undefined],
    ])
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 2112,
        completion_tokens: 89,
        total_tokens: 2201,
        prompt_tokens_details: { cached_tokens: 2000, cache_creation_tokens: 100 },
      },
    })
  })

  it('yields the same chunks wherever the upstream bytes are split', () => {
    const whole = withoutCreated(runAnthropicToOpenAI([CLAUDE_SSE]).out)
    const crlf = CLAUDE_SSE.replaceAll('\n', '\r\n')
    for (const text of [CLAUDE_SSE, crlf]) {
      for (let i = 1; i < text.length; i += 7) {
        const split = runAnthropicToOpenAI([text.slice(0, i), text.slice(i)]).out
        expect(withoutCreated(split)).toEqual(whole)
      }
      expect(withoutCreated(runAnthropicToOpenAI([...text]).out)).toEqual(whole)
    }
  })

  it('assembles, in the official OpenAI SDK, into the tool calls Claude made', async () => {
    const { out } = runAnthropicToOpenAI([CLAUDE_SSE])
    const completion = await openAISdkCompletion(out)
    const choice = completion.choices[0]!
    expect(choice.finish_reason).toBe('tool_calls')
    expect(choice.message.content).toBe("I'll read both files — ünïcode.")
    expect(
      choice.message.tool_calls?.map((c) =>
        c.type === 'function' ? [c.id, c.function.name, JSON.parse(c.function.arguments)] : c,
      ),
    ).toEqual([
      ['toolu_01', 'Read', { file_path: '/repo/src/a.ts' }],
      ['toolu_02', 'Read', { file_path: '/repo/src/b.ts' }],
    ])
    expect(completion.usage?.prompt_tokens).toBe(2112)
  })

  it('sends no usage chunk unless asked, but still reports usage for the log', () => {
    const { out, usage } = runAnthropicToOpenAI([CLAUDE_SSE], false)
    expect(out.some((c) => 'choices' in c && c.choices.length === 0)).toBe(false)
    expect((out.at(-1) as OpenAIChatChunk).choices[0]?.finish_reason).toBe('tool_calls')
    expect(usage).toEqual({ input: 2112, output: 89, cacheRead: 2000 })
  })

  it('maps stop reasons onto the finish chunk', () => {
    for (const [reason, finish] of [
      ['end_turn', 'stop'],
      ['max_tokens', 'length'],
      ['refusal', 'content_filter'],
      ['stop_sequence', 'stop'],
    ]) {
      const events = [
        CLAUDE_EVENTS[0]!,
        {
          type: 'message_delta',
          delta: { stop_reason: reason, stop_sequence: null },
          usage: { output_tokens: 3 },
        },
        { type: 'message_stop' },
      ]
      const text = events.map((e) => formatSse(JSON.stringify(e), e.type)).join('')
      const { out } = runAnthropicToOpenAI([text], false)
      expect((out.at(-1) as OpenAIChatChunk).choices[0]?.finish_reason).toBe(finish)
    }
  })

  it('turns an error event into an error item and ignores anything after it', () => {
    const translator = createAnthropicToOpenAIStream({ model: 'mux', includeUsage: true })
    translator.push({ event: 'message_start', data: JSON.stringify(CLAUDE_EVENTS[0]) })
    const out = translator.push({
      event: 'error',
      data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    })
    expect(out).toEqual([{ error: { message: 'Overloaded', type: 'overloaded_error' } }])
    expect(translator.push({ event: 'message_stop', data: '{"type":"message_stop"}' })).toEqual([])
    expect(translator.finish()).toEqual([])
  })

  it('reports a stream that ended before message_delta as an error', () => {
    const cut = CLAUDE_EVENTS.slice(0, 9)
      .map((e) => formatSse(JSON.stringify(e), e.type))
      .join('')
    const { out } = runAnthropicToOpenAI([cut])
    expect(out.at(-1)).toEqual({
      error: {
        message: expect.stringContaining('ended before') as unknown,
        type: 'upstream_error',
      },
    })
  })

  it('finishes normally when only message_stop is missing', () => {
    const noStop = CLAUDE_SSE.slice(0, CLAUDE_SSE.lastIndexOf('event: message_stop'))
    const { out } = runAnthropicToOpenAI([noStop])
    expect(out.some((i) => 'error' in i)).toBe(false)
    expect(out.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 89 } })
  })

  it('ignores data that is not JSON and reports no usage before message_start', () => {
    const translator = createAnthropicToOpenAIStream({ model: 'mux', includeUsage: true })
    expect(translator.push({ data: 'not json' })).toEqual([])
    expect(translator.usage()).toBeNull()
  })
})

describe('createOpenAIToAnthropicStream', () => {
  it('emits a well-formed Anthropic event sequence with text and tool_use blocks', () => {
    const { events, usage } = runOpenAIToAnthropic(OPENAI_CHUNKS)
    expectWellFormed(events)
    expect(events.slice(1)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Reading ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'both.' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'call_a', name: 'read_file', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"path":' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '"src/a.ts"}' },
      },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'call_b', name: 'read_file', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 2,
        delta: { type: 'input_json_delta', partial_json: '{"path":"src/b.ts"}' },
      },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: {
          input_tokens: 93,
          output_tokens: 46,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 1024,
        },
      },
      { type: 'message_stop' },
    ])
    expect(usage).toEqual({ input: 1117, output: 46, cacheRead: 1024 })
  })

  it('assembles, in the official Anthropic SDK, into the message the model produced', async () => {
    const message = await anthropicSdkMessage(runOpenAIToAnthropic(OPENAI_CHUNKS).events)
    expect(message.id).toBe('chatcmpl-123')
    expect(message.model).toBe('claude-via-mux')
    expect(message.content).toEqual([
      { type: 'text', text: 'Reading both.' },
      { type: 'tool_use', id: 'call_a', name: 'read_file', input: { path: 'src/a.ts' } },
      { type: 'tool_use', id: 'call_b', name: 'read_file', input: { path: 'src/b.ts' } },
    ])
    expect(message.stop_reason).toBe('tool_use')
    expect(message.usage).toMatchObject({
      input_tokens: 93,
      output_tokens: 46,
      cache_read_input_tokens: 1024,
    })
  })

  it('waits for the usage chunk before message_delta, and sends it from finish() if none comes', () => {
    const translator = createOpenAIToAnthropicStream({ model: 'm' })
    const beforeFinish = OPENAI_CHUNKS.slice(0, -1).flatMap((c) => translator.push(c))
    expect(beforeFinish.some((e) => e.type === 'message_delta')).toBe(false)
    expect(beforeFinish.at(-1)).toEqual({ type: 'content_block_stop', index: 2 })
    const end = translator.finish()
    expect(end).toEqual([
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
      { type: 'message_stop' },
    ])
    expect(translator.usage()).toBeNull()
  })

  it('ends at once when usage rides on the finish chunk', () => {
    const translator = createOpenAIToAnthropicStream({ model: 'm' })
    translator.push(delta({ content: 'Hi' }))
    const last = translator.push({
      ...base,
      choices: [{ index: 0, delta: {}, finish_reason: 'length' }],
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
    })
    expect(last.map((e) => e.type)).toEqual(['content_block_stop', 'message_delta', 'message_stop'])
    expect(last[1]).toMatchObject({
      delta: { stop_reason: 'max_tokens' },
      usage: { output_tokens: 7 },
    })
    expect(translator.push(delta({ content: 'late' }))).toEqual([])
    expect(translator.finish()).toEqual([])
  })

  it('closes an open block and ends the message when the upstream stops without finish_reason', () => {
    const { events } = runOpenAIToAnthropic([delta({ content: 'Half an ans' })])
    expectWellFormed(events)
    expect(events.at(-3)).toEqual({ type: 'content_block_stop', index: 0 })
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'end_turn' } })
  })

  it('produces a valid empty message for an empty upstream stream', async () => {
    const { events } = runOpenAIToAnthropic([])
    expect(events.map((e) => e.type)).toEqual(['message_start', 'message_delta', 'message_stop'])
    const message = await anthropicSdkMessage(events)
    expect(message.content).toEqual([])
  })

  it('says tool_use when a local server finishes a tool-call turn with "stop"', () => {
    const chunks = OPENAI_CHUNKS.slice(0, -2).concat({
      ...base,
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    })
    const { events } = runOpenAIToAnthropic(chunks)
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } })
  })

  it('holds arguments until the tool name is known, then opens one block', async () => {
    const { events } = runOpenAIToAnthropic([
      delta({ tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] }),
      delta({
        tool_calls: [{ index: 0, id: 'call_z', function: { name: 'search', arguments: '"x"}' } }],
      }),
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ])
    expectWellFormed(events)
    const message = await anthropicSdkMessage(events)
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'call_z', name: 'search', input: { q: 'x' } },
    ])
  })

  it('passes a whole tool call sent in one chunk, as Gemini and vLLM do', async () => {
    const { events } = runOpenAIToAnthropic([
      delta({
        tool_calls: [
          { index: 0, id: 'c1', type: 'function', function: { name: 'a', arguments: '{"n":1}' } },
          { index: 1, id: 'c2', type: 'function', function: { name: 'b', arguments: '{}' } },
        ],
      }),
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ])
    expectWellFormed(events)
    const message = await anthropicSdkMessage(events)
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'c1', name: 'a', input: { n: 1 } },
      { type: 'tool_use', id: 'c2', name: 'b', input: {} },
    ])
  })

  it('turns reasoning deltas into a thinking block, unless asked not to', async () => {
    const chunks = [
      delta({ reasoning_content: 'Think' }),
      delta({ reasoning: 'ing.' }), // Ollama's OpenAI endpoint names the field `reasoning`
      delta({ content: 'Answer' }),
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' as const }] },
    ]
    const { events } = runOpenAIToAnthropic(chunks)
    expectWellFormed(events)
    const message = await anthropicSdkMessage(events)
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Thinking.', signature: '' },
      { type: 'text', text: 'Answer' },
    ])
    const plain = await anthropicSdkMessage(runOpenAIToAnthropic(chunks, false).events)
    expect(plain.content).toEqual([{ type: 'text', text: 'Answer' }])
  })

  it('turns an error chunk into an Anthropic error event and stops', () => {
    const translator = createOpenAIToAnthropicStream({ model: 'm' })
    translator.push(delta({ content: 'Hi' }))
    const out = translator.push({
      error: { message: 'CUDA out of memory' },
    } as unknown as OpenAIChatChunk)
    expect(out).toEqual([
      { type: 'error', error: { type: 'api_error', message: 'CUDA out of memory' } },
    ])
    expect(translator.finish()).toEqual([])
  })
})

describe('stream round trip', () => {
  it('Claude events -> OpenAI chunks -> Claude events keep text, tool input and usage', async () => {
    const chunks = runAnthropicToOpenAI([CLAUDE_SSE]).out as OpenAIChatChunk[]
    const { events } = runOpenAIToAnthropic(chunks)
    expectWellFormed(events)
    const message = await anthropicSdkMessage(events)
    expect(message.content).toEqual([
      // The signature cannot cross OpenAI's format.
      { type: 'thinking', thinking: 'Let me check the files.', signature: '' },
      { type: 'text', text: "I'll read both files — ünïcode." },
      { type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: '/repo/src/a.ts' } },
      { type: 'tool_use', id: 'toolu_02', name: 'Read', input: { file_path: '/repo/src/b.ts' } },
    ])
    expect(message.stop_reason).toBe('tool_use')
    expect(message.usage).toMatchObject({
      input_tokens: 12,
      output_tokens: 89,
      cache_read_input_tokens: 2000,
      cache_creation_input_tokens: 100,
    })
  })
})
