import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type OpenAI from 'openai'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
})
afterAll(() => w.close())

const targets = [
  ['OpenAI', 'oai', 'gpt-4o'],
  ['Anthropic', 'claude', 'claude-sonnet-4-5'],
  ['Ollama', 'local', 'qwen2.5-coder:7b'],
] as const

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'read_file',
      description: 'Read a file',
      parameters: { type: 'object', properties: { path: { type: 'string' } } },
    },
  },
]

describe.each(targets)('an OpenAI client talking to %s', (_name, provider, model) => {
  const via = `${provider}/${model}`

  it('gets a plain answer, with usage', async () => {
    const res = await w.openai.chat.completions.create({
      model: via,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is 2+2?' },
      ],
      max_tokens: 50,
    })
    expect(res.choices[0]!.message.content).toBe('echo: What is 2+2?')
    expect(res.choices[0]!.finish_reason).toBe('stop')
    expect(res.usage!.prompt_tokens).toBeGreaterThan(0)
  })

  it('streams text chunk by chunk and ends with [DONE]', async () => {
    const stream = await w.openai.chat.completions.create({
      model: via,
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
    })
    const deltas: string[] = []
    let finish: string | null = null
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) deltas.push(chunk.choices[0].delta.content)
      finish = chunk.choices[0]?.finish_reason ?? finish
      expect(chunk.usage ?? null).toBeNull() // not asked for, not sent
    }
    expect(deltas.length).toBeGreaterThan(3)
    expect(deltas.join('')).toBe('Hello from the fake upstream (echo: stream please)')
    expect(finish).toBe('stop')
    const [entry] = await loggedRequests(w.t)
    expect(entry!.tokensIn).toBeGreaterThan(0)
    expect(entry!.firstTokenMs).not.toBeNull()
  })

  it('delivers stream usage when the client asks for it', async () => {
    const stream = await w.openai.chat.completions.create({
      model: via,
      messages: [{ role: 'user', content: 'count me' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    let usage: OpenAI.CompletionUsage | null | undefined
    for await (const chunk of stream) usage = chunk.usage ?? usage
    expect(usage!.prompt_tokens).toBeGreaterThan(0)
  })

  it('round-trips a tool call, non-stream and stream', async () => {
    const res = await w.openai.chat.completions.create({
      model: via,
      messages: [{ role: 'user', content: 'please use a tool' }],
      tools,
    })
    const call = res.choices[0]!.message
      .tool_calls![0]! as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall
    expect(res.choices[0]!.finish_reason).toBe('tool_calls')
    expect(call.function.name).toBe('read_file')
    expect(JSON.parse(call.function.arguments)).toEqual({ path: 'src/app.ts' })

    const stream = await w.openai.chat.completions.create({
      model: via,
      messages: [{ role: 'user', content: 'use a tool now' }],
      tools,
      stream: true,
    })
    let args = ''
    let name = ''
    let finish = null
    for await (const chunk of stream) {
      const tc = chunk.choices[0]?.delta.tool_calls?.[0]
      if (tc?.function?.name) name = tc.function.name
      if (tc?.function?.arguments) args += tc.function.arguments
      finish = chunk.choices[0]?.finish_reason ?? finish
    }
    expect(name).toBe('read_file')
    expect(JSON.parse(args)).toEqual({ path: 'src/app.ts' })
    expect(finish).toBe('tool_calls')

    // The tool result goes back in the target's own format.
    const followUp = await w.openai.chat.completions.create({
      model: via,
      tools,
      messages: [
        { role: 'user', content: 'please use a tool' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: 'file body' },
        { role: 'user', content: 'thanks' },
      ],
    })
    expect(followUp.choices[0]!.message.content).toBe('echo: thanks')
  })
})

describe.each(targets)(
  'an Anthropic client (Claude Code) talking to %s',
  (_name, provider, model) => {
    const via = `${provider}/${model}`

    it('gets a Messages answer', async () => {
      const msg = await w.anthropic.messages.create({
        model: via,
        max_tokens: 100,
        system: 'You are Claude Code.',
        messages: [{ role: 'user', content: 'hello claude' }],
      })
      expect(msg.type).toBe('message')
      expect(msg.content[0]).toMatchObject({ type: 'text', text: 'echo: hello claude' })
      expect(msg.stop_reason).toBe('end_turn')
      expect(msg.usage.input_tokens).toBeGreaterThan(0)
    })

    it('streams every event type and ends with message_stop', async () => {
      const stream = w.anthropic.messages.stream({
        model: via,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'stream it' }],
      })
      const types = new Set<string>()
      for await (const event of stream) types.add(event.type)
      const final = await stream.finalMessage()
      expect(final.content[0]).toMatchObject({
        type: 'text',
        text: 'Hello from the fake upstream (echo: stream it)',
      })
      expect([...types]).toEqual(
        expect.arrayContaining([
          'message_start',
          'content_block_start',
          'content_block_delta',
          'content_block_stop',
          'message_delta',
          'message_stop',
        ]),
      )
      expect(final.stop_reason).toBe('end_turn')
    })

    it('round-trips tool_use and tool_result, streaming', async () => {
      const stream = w.anthropic.messages.stream({
        model: via,
        max_tokens: 200,
        tools: [
          {
            name: 'read_file',
            description: 'Read a file',
            input_schema: { type: 'object', properties: { path: { type: 'string' } } },
          },
        ],
        messages: [{ role: 'user', content: 'use a tool to read it' }],
      })
      const final = await stream.finalMessage()
      const toolUse = final.content.find((b) => b.type === 'tool_use')
      expect(toolUse).toMatchObject({
        type: 'tool_use',
        name: 'read_file',
        input: { path: 'src/app.ts' },
      })
      expect(final.stop_reason).toBe('tool_use')

      const next = await w.anthropic.messages.create({
        model: via,
        max_tokens: 100,
        messages: [
          { role: 'user', content: 'use a tool to read it' },
          { role: 'assistant', content: final.content },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: (toolUse as { id: string }).id,
                content: 'export const x = 1',
              },
              { type: 'text', text: 'and now?' },
            ],
          },
        ],
      })
      expect(next.content[0]).toMatchObject({
        type: 'text',
        text: expect.stringContaining('and now?'),
      })
    })
  },
)

describe('Anthropic requests routed by the rules', () => {
  it('reads file names from Claude Code tool_use inputs', async () => {
    await w.t.core.api.setRules({
      name: 'default',
      rules: [
        {
          kind: 'filename',
          pattern: '*.py',
          target: { provider: 'local', model: 'qwen2.5-coder:7b' },
        },
      ],
    })
    await w.t.core.api.setCatchAll({
      name: 'default',
      catchAll: { target: { provider: 'claude', model: 'claude-sonnet-4-5' } },
    })
    const res = await w.anthropic.messages
      .create({
        model: 'claude-opus-4-1',
        max_tokens: 100,
        messages: [
          { role: 'user', content: 'fix the bug' },
          {
            role: 'assistant',
            content: [
              {
                type: 'tool_use',
                id: 'toolu_1',
                name: 'Read',
                input: { file_path: '/repo/app/main.py' },
              },
            ],
          },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'print(1)' }],
          },
        ],
      })
      .withResponse()
    expect(res.response.headers.get('x-switchboard-provider')).toBe('local')
    expect(res.response.headers.get('x-switchboard-rule')).toBe('filename "*.py"')
  })
})
