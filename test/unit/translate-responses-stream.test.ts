import { describe, expect, it } from 'vitest'
import { createChatToResponsesStream } from '../../src/main/core/providers/translate/responses-stream.ts'
import type { OpenAIChatChunk } from '../../src/main/core/providers/wire/openai.ts'
import type { ResponsesStreamEvent } from '../../src/main/core/providers/wire/openai-responses.ts'

const request = { model: 'switchboard', input: 'hi', store: false }

const chunk = (
  delta: Record<string, unknown>,
  finish: string | null = null,
  usage?: Record<string, unknown>,
): OpenAIChatChunk =>
  ({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'qwen',
    choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
    ...(usage && { usage }),
  }) as OpenAIChatChunk

const usage = {
  prompt_tokens: 40,
  completion_tokens: 8,
  total_tokens: 48,
  prompt_tokens_details: { cached_tokens: 30 },
}

function run(chunks: OpenAIChatChunk[]): ResponsesStreamEvent[] {
  const t = createChatToResponsesStream({ request, model: 'vl/qwen' })
  return [...chunks.flatMap((c) => t.push(c)), ...t.finish()]
}

describe('chat chunks as Responses stream events', () => {
  it('streams text in OpenAI order, numbered from 0, and completes with usage', () => {
    const events = run([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hel' }),
      chunk({ content: 'lo' }),
      chunk({}, 'stop'),
      chunk({}, null, usage),
    ])
    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ])
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i))
    const added = events[2]!
    const itemId = (added.item as { id: string }).id
    expect(itemId).toMatch(/^msg_/)
    for (const e of events.slice(3, 8))
      expect(e).toMatchObject({ item_id: itemId, output_index: 0 })
    expect(events[4]).toMatchObject({ delta: 'Hel', content_index: 0 })
    expect(events[6]).toMatchObject({ text: 'Hello' })
    const completed = events.at(-1)!.response as Record<string, unknown>
    expect(completed).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'vl/qwen',
      output: [
        {
          type: 'message',
          id: itemId,
          status: 'completed',
          content: [{ type: 'output_text', text: 'Hello' }],
        },
      ],
      usage: {
        input_tokens: 40,
        input_tokens_details: { cached_tokens: 30 },
        output_tokens: 8,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 48,
      },
    })
    expect((events[0]!.response as { id: string }).id).toBe((completed as { id: string }).id)
  })

  it('streams function-call arguments as deltas and closes each call with its full arguments', () => {
    const events = run([
      chunk({ role: 'assistant', content: 'Let me look.' }),
      chunk({
        tool_calls: [
          {
            index: 0,
            id: 'call_a',
            type: 'function',
            function: { name: 'read_file', arguments: '' },
          },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"path":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"a.ts"}' } }] }),
      chunk({
        tool_calls: [{ index: 1, id: 'call_b', function: { name: 'run', arguments: '{}' } }],
      }),
      chunk({}, 'tool_calls'),
    ])
    const types = events.map((e) => e.type)
    // The text message closes before the first call opens.
    expect(types.indexOf('response.output_item.done')).toBeLessThan(
      types.lastIndexOf('response.output_item.added'),
    )
    const deltas = events.filter((e) => e.type === 'response.function_call_arguments.delta')
    expect(deltas.map((e) => [e.output_index, e.delta])).toEqual([
      [1, '{"path":'],
      [1, '"a.ts"}'],
      [2, '{}'],
    ])
    const done = events.filter((e) => e.type === 'response.function_call_arguments.done')
    expect(done.map((e) => [e.name, e.arguments])).toEqual([
      ['read_file', '{"path":"a.ts"}'],
      ['run', '{}'],
    ])
    const completed = events.at(-1)!
    expect(completed.type).toBe('response.completed')
    expect((completed.response as { output: unknown[] }).output).toEqual([
      expect.objectContaining({ type: 'message' }),
      expect.objectContaining({
        type: 'function_call',
        call_id: 'call_a',
        name: 'read_file',
        arguments: '{"path":"a.ts"}',
        status: 'completed',
        id: expect.stringMatching(/^fc_/),
      }),
      expect.objectContaining({
        type: 'function_call',
        call_id: 'call_b',
        name: 'run',
        arguments: '{}',
      }),
    ])
  })

  it('names a streamed call to a namespaced function by its namespace and name', () => {
    const t = createChatToResponsesStream({
      request: {
        ...request,
        tools: [
          {
            type: 'namespace',
            name: 'multi_agent_v1',
            tools: [{ type: 'function', name: 'wait' }],
          },
        ],
      },
      model: 'vl/qwen',
    })
    const events = [
      chunk({
        tool_calls: [
          {
            index: 0,
            id: 'call_w',
            type: 'function',
            function: { name: 'multi_agent_v1__wait', arguments: '{}' },
          },
        ],
      }),
      chunk({}, 'tool_calls'),
    ].flatMap((c) => t.push(c))
    events.push(...t.finish())
    const named = { namespace: 'multi_agent_v1', name: 'wait' }
    const added = events.find((e) => e.type === 'response.output_item.added')!
    expect(added.item).toMatchObject(named)
    const done = events.find((e) => e.type === 'response.function_call_arguments.done')!
    expect(done).toMatchObject(named)
    const completed = events.at(-1)!.response as { output: unknown[] }
    expect(completed.output).toEqual([expect.objectContaining({ call_id: 'call_w', ...named })])
  })

  it('streams reasoning as a reasoning item before the answer', () => {
    const events = run([
      chunk({ reasoning_content: 'Think' }),
      chunk({ reasoning_content: 'ing.' }),
      chunk({ content: 'Done.' }),
      chunk({}, 'stop'),
    ])
    const reasoning = events.filter((e) => e.type.startsWith('response.reasoning_text'))
    expect(reasoning.map((e) => e.type)).toEqual([
      'response.reasoning_text.delta',
      'response.reasoning_text.delta',
      'response.reasoning_text.done',
    ])
    expect(reasoning.at(-1)).toMatchObject({ text: 'Thinking.', output_index: 0 })
    const output = (events.at(-1)!.response as { output: { type: string }[] }).output
    expect(output.map((i) => i.type)).toEqual(['reasoning', 'message'])
  })

  it('ends a cut-off answer with response.incomplete', () => {
    const events = run([chunk({ content: 'par' }), chunk({}, 'length')])
    expect(events.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    })
  })

  it('ends a failed stream with response.failed and nothing after it', () => {
    const t = createChatToResponsesStream({ request, model: 'm' })
    const events = [
      ...t.push(chunk({ content: 'Hel' })),
      ...t.fail('the upstream stream broke off'),
      ...t.finish(),
    ]
    expect(events.at(-1)).toMatchObject({
      type: 'response.failed',
      response: {
        status: 'failed',
        error: { code: 'server_error', message: 'the upstream stream broke off' },
      },
    })
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i))
  })
})
