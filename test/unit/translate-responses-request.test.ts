import { describe, expect, it } from 'vitest'
import {
  responsesToOpenAIChat,
  ResponsesTranslationError,
} from '../../src/main/core/providers/translate/responses-request.ts'
import type { ResponsesRequest } from '../../src/main/core/providers/wire/openai-responses.ts'

const translate = (req: Partial<ResponsesRequest>) =>
  responsesToOpenAIChat({ model: 'm', input: 'hi', ...req } as ResponsesRequest)

const refusal = (req: Partial<ResponsesRequest>) => {
  try {
    translate(req)
  } catch (err) {
    if (err instanceof ResponsesTranslationError) return err
    throw err
  }
  throw new Error('expected a ResponsesTranslationError')
}

describe('Responses requests as chat requests', () => {
  it('turns a string input into one user message and instructions into the system message', () => {
    const chat = translate({ instructions: 'Be brief.', input: 'What is 2+2?' })
    expect(chat.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is 2+2?' },
    ])
  })

  it('joins leading developer items into the system message; later ones stay in place as system', () => {
    const chat = translate({
      instructions: 'You are Codex.',
      input: [
        { role: 'developer', content: [{ type: 'input_text', text: '<permissions>' }] },
        { role: 'user', content: [{ type: 'input_text', text: 'fix it' }] },
        { type: 'message', role: 'developer', content: 'mid-conversation note' },
      ],
    })
    expect(chat.messages).toEqual([
      { role: 'system', content: 'You are Codex.\n\n<permissions>' },
      { role: 'user', content: 'fix it' },
      { role: 'system', content: 'mid-conversation note' },
    ])
  })

  it('keeps images as image parts and assistant output_text as text', () => {
    const chat = translate({
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'what is this?' },
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
          ],
        },
        { role: 'assistant', content: [{ type: 'output_text', text: 'a cat' }] },
      ],
    })
    expect(chat.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
        ],
      },
      { role: 'assistant', content: 'a cat' },
    ])
  })

  it('pairs function calls with their outputs: one assistant turn with tool_calls, then tool messages in order', () => {
    const chat = translate({
      input: [
        { role: 'user', content: 'read both' },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'opaque' },
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Reading.' }],
        },
        {
          type: 'function_call',
          call_id: 'call_a',
          name: 'read_file',
          arguments: '{"path":"a.ts"}',
        },
        {
          type: 'function_call',
          call_id: 'call_b',
          name: 'read_file',
          arguments: '{"path":"b.ts"}',
        },
        { type: 'function_call_output', call_id: 'call_a', output: 'A' },
        {
          type: 'function_call_output',
          call_id: 'call_b',
          output: [{ type: 'input_text', text: 'B' }],
        },
        { type: 'function_call', call_id: 'call_c', name: 'run', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_c', output: 'ok' },
        { type: 'custom_tool_call', call_id: 'call_d', name: 'apply_patch', input: '*** Begin' },
        { type: 'custom_tool_call_output', call_id: 'call_d', output: 'applied' },
      ],
    })
    expect(chat.messages).toEqual([
      { role: 'user', content: 'read both' },
      {
        role: 'assistant',
        content: 'Reading.',
        tool_calls: [
          {
            id: 'call_a',
            type: 'function',
            function: { name: 'read_file', arguments: '{"path":"a.ts"}' },
          },
          {
            id: 'call_b',
            type: 'function',
            function: { name: 'read_file', arguments: '{"path":"b.ts"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: 'A' },
      { role: 'tool', tool_call_id: 'call_b', content: 'B' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_c', type: 'function', function: { name: 'run', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_c', content: 'ok' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_d',
            type: 'function',
            function: { name: 'apply_patch', arguments: '{"input":"*** Begin"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_d', content: 'applied' },
    ])
  })

  it('nests flat function tools under function and drops built-in tools', () => {
    const chat = translate({
      tools: [
        {
          type: 'function',
          name: 'shell',
          description: 'Run a command',
          parameters: { type: 'object', properties: { command: { type: 'array' } } },
          strict: false,
        },
        { type: 'web_search' },
      ],
      tool_choice: { type: 'function', name: 'shell' },
      parallel_tool_calls: false,
    })
    expect(chat.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'shell',
          description: 'Run a command',
          parameters: { type: 'object', properties: { command: { type: 'array' } } },
          strict: false,
        },
      },
    ])
    expect(chat.tool_choice).toEqual({ type: 'function', function: { name: 'shell' } })
    expect(chat.parallel_tool_calls).toBe(false)
    // A built-in tool choice leaves the model free to pick among the function tools.
    const builtIn = translate({
      tools: [{ type: 'function', name: 'shell' }],
      tool_choice: { type: 'web_search_preview' },
    })
    expect(builtIn.tool_choice).toBe('auto')
  })

  it('carries a namespace tool as functions under qualified names, and its calls in the history', () => {
    const chat = translate({
      tools: [
        {
          type: 'namespace',
          name: 'multi_agent_v1',
          description: 'Sub-agents.',
          tools: [
            {
              type: 'function',
              name: 'spawn_agent',
              description: 'Start one.',
              parameters: { type: 'object', properties: {} },
            },
            { type: 'custom', name: 'freeform' },
          ],
        },
      ],
      tool_choice: { type: 'function', name: 'spawn_agent', namespace: 'multi_agent_v1' },
      input: [
        { role: 'user', content: 'split the work' },
        {
          type: 'function_call',
          call_id: 'c1',
          namespace: 'multi_agent_v1',
          name: 'spawn_agent',
          arguments: '{}',
        },
        { type: 'function_call_output', call_id: 'c1', output: 'started' },
      ],
    })
    expect(chat.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'multi_agent_v1__spawn_agent',
          description: 'Sub-agents.\n\nStart one.',
          parameters: { type: 'object', properties: {} },
        },
      },
    ])
    expect(chat.tool_choice).toEqual({
      type: 'function',
      function: { name: 'multi_agent_v1__spawn_agent' },
    })
    expect(chat.messages[1]).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'c1', function: { name: 'multi_agent_v1__spawn_agent' } }],
    })
    expect(refusal({ tools: [{ type: 'namespace', name: 'x' }] }).param).toBe('tools[0].tools')
  })

  it('passes tool_choice strings through', () => {
    const tools = [{ type: 'function', name: 'f' }] as ResponsesRequest['tools']
    expect(translate({ tools, tool_choice: 'required' }).tool_choice).toBe('required')
    expect(translate({ tools, tool_choice: 'none' }).tool_choice).toBe('none')
    expect(translate({ tool_choice: 'required' }).tool_choice).toBeUndefined()
  })

  it('maps the sampling, length, reasoning and text format settings', () => {
    const chat = translate({
      max_output_tokens: 256,
      temperature: 0.2,
      top_p: 0.9,
      reasoning: { effort: 'high', summary: 'auto' },
      text: {
        format: { type: 'json_schema', name: 'plan', schema: { type: 'object' }, strict: true },
      },
      store: false,
      stream: true,
      prompt_cache_key: 'k',
    })
    expect(chat).toMatchObject({
      max_tokens: 256,
      temperature: 0.2,
      top_p: 0.9,
      reasoning_effort: 'high',
      stream: true,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'plan', schema: { type: 'object' }, strict: true },
      },
    })
    expect(chat).not.toHaveProperty('store')
    expect(chat).not.toHaveProperty('prompt_cache_key')
    expect(chat).not.toHaveProperty('max_output_tokens')
  })

  it('refuses what it cannot carry, naming the field', () => {
    expect(refusal({ input: 5 as never }).param).toBe('input')
    expect(refusal({ input: [] }).param).toBe('input')
    expect(refusal({ tools: 'x' as never }).param).toBe('tools')
    expect(refusal({ input: [{ role: 'robot', content: 'x' } as never] }).param).toBe(
      'input[0].role',
    )
    expect(
      refusal({ input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] }).param,
    ).toBe('input[0].content[0].type')
    expect(
      refusal({ input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'f' }] }] })
        .param,
    ).toBe('input[0].content[0].image_url')
    expect(
      refusal({ input: [{ type: 'function_call', name: 'f', arguments: '{}' }] as never }).param,
    ).toBe('input[0].call_id')
    expect(refusal({ input: [{ type: 'mystery' }] }).param).toBe('input[0].type')
  })
})
