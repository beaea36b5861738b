import { describe, expect, it } from 'vitest'
import {
  openAIChatToResponses,
  responsesId,
} from '../../src/main/core/providers/translate/responses-response.ts'
import type { OpenAIChatResponse } from '../../src/main/core/providers/wire/openai.ts'
import type { ResponsesRequest } from '../../src/main/core/providers/wire/openai-responses.ts'

const request: ResponsesRequest = {
  model: 'switchboard',
  input: 'hi',
  instructions: 'Be brief.',
  tools: [{ type: 'function', name: 'read_file' }],
  store: false,
}

const chat = (message: Record<string, unknown>, finish = 'stop'): OpenAIChatResponse =>
  ({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'qwen',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
    usage: {
      prompt_tokens: 100,
      completion_tokens: 20,
      total_tokens: 120,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 5 },
    },
  }) as unknown as OpenAIChatResponse

describe('chat answers as Responses answers', () => {
  it('puts text in an assistant message item and maps usage with its details', () => {
    const res = openAIChatToResponses(chat({ content: 'Hello' }), request, 'vl/qwen')
    expect(res).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'vl/qwen',
      created_at: 1_700_000_000,
      instructions: 'Be brief.',
      store: false,
      tools: request.tools,
      error: null,
      incomplete_details: null,
      usage: {
        input_tokens: 100,
        input_tokens_details: { cached_tokens: 60 },
        output_tokens: 20,
        output_tokens_details: { reasoning_tokens: 5 },
        total_tokens: 120,
      },
    })
    expect(res.id).toMatch(/^resp_[0-9a-f]{24}$/)
    expect(res.output).toEqual([
      {
        type: 'message',
        id: expect.stringMatching(/^msg_/),
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Hello', annotations: [], logprobs: [] }],
      },
    ])
  })

  it('turns tool calls into function_call items that keep the call id', () => {
    const res = openAIChatToResponses(
      chat(
        {
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'read_file', arguments: '{"path":"a"}' },
            },
            {
              id: 'call_2',
              type: 'function',
              function: { name: 'read_file', arguments: '{"path":"b"}' },
            },
          ],
        },
        'tool_calls',
      ),
      request,
      'm',
    )
    expect(res.status).toBe('completed')
    expect(res.output).toEqual([
      expect.objectContaining({
        type: 'function_call',
        call_id: 'call_1',
        name: 'read_file',
        arguments: '{"path":"a"}',
        status: 'completed',
      }),
      expect.objectContaining({
        type: 'function_call',
        call_id: 'call_2',
        arguments: '{"path":"b"}',
      }),
    ])
    expect(res.output[0]!.id).toMatch(/^fc_/)
  })

  it('splits a call to a namespaced function back into its namespace and name', () => {
    const grouped: ResponsesRequest = {
      ...request,
      tools: [
        { type: 'function', name: 'read_file' },
        { type: 'namespace', name: 'multi_agent_v1', tools: [{ type: 'function', name: 'wait' }] },
      ],
    }
    const call = (id: string, name: string) => ({
      id,
      type: 'function',
      function: { name, arguments: '{}' },
    })
    const res = openAIChatToResponses(
      chat(
        {
          content: null,
          tool_calls: [call('c1', 'multi_agent_v1__wait'), call('c2', 'read_file')],
        },
        'tool_calls',
      ),
      grouped,
      'm',
    )
    expect(res.output[0]).toMatchObject({
      call_id: 'c1',
      namespace: 'multi_agent_v1',
      name: 'wait',
    })
    expect(res.output[1]).toMatchObject({ call_id: 'c2', name: 'read_file' })
    expect(res.output[1]).not.toHaveProperty('namespace')
  })

  it('puts reasoning first as a reasoning item, and marks a cut-off answer incomplete', () => {
    const res = openAIChatToResponses(
      chat({ content: 'partial', reasoning_content: 'thinking…' }, 'length'),
      request,
      'm',
    )
    expect(res.status).toBe('incomplete')
    expect(res.incomplete_details).toEqual({ reason: 'max_output_tokens' })
    expect(res.output.map((i) => i.type)).toEqual(['reasoning', 'message'])
    expect(res.output[0]).toMatchObject({
      summary: [],
      content: [{ type: 'reasoning_text', text: 'thinking…' }],
    })
    expect(res.output[1]).toMatchObject({ status: 'incomplete' })
  })
})

describe('responsesId', () => {
  it('gives OpenAI-style ids that never repeat, also across refills of its random pool', () => {
    const ids = Array.from({ length: 2_000 }, () => responsesId('msg'))
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{24}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
