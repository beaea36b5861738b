import { describe, expect, it } from 'vitest'
import {
  anthropicToOpenAIChat,
  DEFAULT_ANTHROPIC_MAX_TOKENS,
  openAIChatToAnthropic,
  parseToolArguments,
} from '../../src/main/core/providers/translate/anthropic-request.ts'
import type {
  AnthropicMessage,
  AnthropicRequest,
} from '../../src/main/core/providers/wire/anthropic.ts'
import type { OpenAIChatRequest } from '../../src/main/core/providers/wire/openai.ts'

const READ_FILE_TOOL = {
  type: 'function' as const,
  function: {
    name: 'read_file',
    description: 'Read a file from the workspace',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string' } },
      required: ['path'],
    },
  },
}

// An agentic IDE turn in OpenAI format: the model read two files in parallel, got both results,
// and the user added a remark before the next model turn.
const IDE_REQUEST: OpenAIChatRequest = {
  model: 'mux',
  messages: [
    { role: 'system', content: 'You are a coding assistant.' },
    { role: 'developer', content: 'Prefer small diffs.' },
    { role: 'user', content: 'Compare src/a.ts and src/b.ts' },
    {
      role: 'assistant',
      content: 'Reading both files.',
      tool_calls: [
        {
          id: 'call_a',
          type: 'function',
          function: { name: 'read_file', arguments: '{"path":"src/a.ts"}' },
        },
        {
          id: 'call_b',
          type: 'function',
          function: { name: 'read_file', arguments: '{"path":"src/b.ts"}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_a', content: 'export const a = 1' },
    { role: 'tool', tool_call_id: 'call_b', content: 'export const b = 2' },
    { role: 'user', content: 'Focus on naming.' },
  ],
  tools: [READ_FILE_TOOL],
  tool_choice: 'auto',
  max_tokens: 1000,
  stream: true,
}

// A Claude Code style request: cached system blocks, a server tool next to client tools,
// thinking before a tool call, and tool results (one failing, one with a screenshot).
const CLAUDE_CODE_REQUEST: AnthropicRequest = {
  model: 'claude-sonnet-4-5',
  max_tokens: 32000,
  stream: true,
  temperature: 1,
  top_k: 40,
  metadata: { user_id: 'user_abc_account_123_session_9' },
  system: [
    { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
    {
      type: 'text',
      text: 'Working directory: /repo',
      cache_control: { type: 'ephemeral' },
    },
  ],
  tools: [
    {
      name: 'Bash',
      description: 'Run a shell command',
      input_schema: {
        type: 'object',
        properties: { command: { type: 'string' } },
        required: ['command'],
      },
    },
    {
      name: 'Screenshot',
      description: 'Take a screenshot',
      input_schema: { type: 'object', properties: {} },
    },
    { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
  ],
  tool_choice: { type: 'auto', disable_parallel_tool_use: true },
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: '<system-reminder>Today is Monday.</system-reminder>' },
        { type: 'text', text: 'Run the tests and show me the page.' },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'I should run npm test.', signature: 'EqQBCgIYAh...' },
        { type: 'text', text: "I'll run the tests." },
        { type: 'tool_use', id: 'toolu_01', name: 'Bash', input: { command: 'npm test' } },
        { type: 'tool_use', id: 'toolu_02', name: 'Screenshot', input: {} },
      ],
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_01',
          content: '1 test failed',
          is_error: true,
        },
        {
          type: 'tool_result',
          tool_use_id: 'toolu_02',
          content: [
            { type: 'text', text: 'Captured.' },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' },
            },
          ],
        },
        { type: 'text', text: 'Fix it please.' },
      ],
    },
  ],
}

describe('openAIChatToAnthropic', () => {
  it('moves system and developer messages into system', () => {
    const out = openAIChatToAnthropic(IDE_REQUEST, 'claude-sonnet-4-5')
    expect(out.model).toBe('claude-sonnet-4-5')
    expect(out.system).toBe('You are a coding assistant.\n\nPrefer small diffs.')
    expect(out.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user'])
  })

  it('turns tool calls into tool_use blocks and consecutive tool messages into one user turn', () => {
    const out = openAIChatToAnthropic(IDE_REQUEST, 'claude-sonnet-4-5')
    expect(out.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Reading both files.' },
        { type: 'tool_use', id: 'call_a', name: 'read_file', input: { path: 'src/a.ts' } },
        { type: 'tool_use', id: 'call_b', name: 'read_file', input: { path: 'src/b.ts' } },
      ],
    })
    // The user remark after the results joins the same turn, after the tool_result blocks.
    expect(out.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'call_a', content: 'export const a = 1' },
        { type: 'tool_result', tool_use_id: 'call_b', content: 'export const b = 2' },
        { type: 'text', text: 'Focus on naming.' },
      ],
    })
  })

  it('puts tool_result blocks first even when a user message came before the tool message', () => {
    const out = openAIChatToAnthropic(
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'go' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{}' } },
            ],
          },
          { role: 'user', content: 'also this' },
          { role: 'tool', tool_call_id: 'c1', content: 'done' },
        ],
      },
      'claude-haiku-4-5',
    )
    const last = out.messages[2]!.content as { type: string }[]
    expect(last.map((b) => b.type)).toEqual(['tool_result', 'text'])
  })

  it('maps tools, tool_choice and parallel_tool_calls', () => {
    const base = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] }
    const out = openAIChatToAnthropic({ ...base, tools: [READ_FILE_TOOL] }, 'c')
    expect(out.tools).toEqual([
      {
        name: 'read_file',
        description: 'Read a file from the workspace',
        input_schema: READ_FILE_TOOL.function.parameters,
      },
    ])
    expect(out.tool_choice).toBeUndefined()
    const choice = (req: Partial<OpenAIChatRequest>) =>
      openAIChatToAnthropic({ ...base, tools: [READ_FILE_TOOL], ...req }, 'c').tool_choice
    expect(choice({ tool_choice: 'auto' })).toEqual({ type: 'auto' })
    expect(choice({ tool_choice: 'required' })).toEqual({ type: 'any' })
    expect(choice({ tool_choice: 'none' })).toEqual({ type: 'none' })
    expect(choice({ tool_choice: { type: 'function', function: { name: 'read_file' } } })).toEqual({
      type: 'tool',
      name: 'read_file',
    })
    expect(choice({ parallel_tool_calls: false })).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    })
    expect(choice({ tool_choice: 'required', parallel_tool_calls: false })).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    })
    // Without tools there is nothing to choose from, and Anthropic rejects a lone tool_choice.
    expect(openAIChatToAnthropic({ ...base, tool_choice: 'required' }, 'c').tool_choice).toBe(
      undefined,
    )
  })

  it('gives a tool without parameters an empty object schema', () => {
    const out = openAIChatToAnthropic(
      {
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        tools: [{ type: 'function', function: { name: 'now' } }],
      },
      'c',
    )
    expect(out.tools).toEqual([{ name: 'now', input_schema: { type: 'object', properties: {} } }])
  })

  it('turns data: image URLs into base64 sources and http URLs into url sources', () => {
    const out = openAIChatToAnthropic(
      {
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is on these?' },
              {
                type: 'image_url',
                image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'high' },
              },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
              { type: 'image_url', image_url: { url: 'data:image/svg+xml,%3Csvg%2F%3E' } },
            ],
          },
        ],
      },
      'c',
    )
    expect(out.messages[0]!.content).toEqual([
      { type: 'text', text: 'What is on these?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
      {
        type: 'image',
        source: {
          type: 'base64',
          media_type: 'image/svg+xml',
          data: Buffer.from('<svg/>').toString('base64'),
        },
      },
    ])
  })

  it('keeps invalid tool arguments as a string instead of failing the request', () => {
    expect(parseToolArguments('{"path": "a.ts"')).toEqual({ _raw_arguments: '{"path": "a.ts"' })
    expect(parseToolArguments('["a"]')).toEqual({ _raw_arguments: '["a"]' })
    expect(parseToolArguments('')).toEqual({})
    expect(parseToolArguments(' {"a":1} ')).toEqual({ a: 1 })
  })

  it('picks max_completion_tokens, then max_tokens, then the documented default', () => {
    const base = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] }
    expect(openAIChatToAnthropic(base, 'c').max_tokens).toBe(DEFAULT_ANTHROPIC_MAX_TOKENS)
    expect(openAIChatToAnthropic({ ...base, max_tokens: 300 }, 'c').max_tokens).toBe(300)
    expect(
      openAIChatToAnthropic({ ...base, max_tokens: 300, max_completion_tokens: 500 }, 'c')
        .max_tokens,
    ).toBe(500)
  })

  it('clamps temperature into 0..1 and drops top_p when temperature is set', () => {
    const base = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] }
    expect(openAIChatToAnthropic({ ...base, temperature: 1.6 }, 'c').temperature).toBe(1)
    expect(openAIChatToAnthropic({ ...base, temperature: 0.3 }, 'c').temperature).toBe(0.3)
    const both = openAIChatToAnthropic({ ...base, temperature: 0.2, top_p: 0.9 }, 'c')
    expect([both.temperature, both.top_p]).toEqual([0.2, undefined])
    expect(openAIChatToAnthropic({ ...base, top_p: 0.9 }, 'c').top_p).toBe(0.9)
  })

  it('maps stop, stream and user, and drops whitespace-only stop sequences', () => {
    const base = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] }
    const out = openAIChatToAnthropic(
      { ...base, stop: ['END', '\n\n'], stream: true, user: 'u1' },
      'c',
    )
    expect(out.stop_sequences).toEqual(['END'])
    expect(out.stream).toBe(true)
    expect(out.metadata).toEqual({ user_id: 'u1' })
    expect(openAIChatToAnthropic({ ...base, stop: 'STOP' }, 'c').stop_sequences).toEqual(['STOP'])
    expect(openAIChatToAnthropic({ ...base, stop: '\n' }, 'c').stop_sequences).toBeUndefined()
  })

  it('merges consecutive same-role turns and trims a final assistant prefill', () => {
    const out = openAIChatToAnthropic(
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'first' },
          { role: 'user', content: [{ type: 'text', text: 'second' }] },
          { role: 'assistant', content: 'Sure' },
          { role: 'assistant', content: '```ts\n' },
        ],
      },
      'c',
    )
    expect(out.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'first' },
          { type: 'text', text: 'second' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Sure' },
          { type: 'text', text: '```ts' },
        ],
      },
    ])
  })

  it('keeps cache_control on system parts as system blocks', () => {
    const out = openAIChatToAnthropic(
      {
        model: 'm',
        messages: [
          {
            role: 'system',
            content: [{ type: 'text', text: 'Big prompt', cache_control: { type: 'ephemeral' } }],
          },
          { role: 'user', content: 'hi' },
        ],
      },
      'c',
    )
    expect(out.system).toEqual([
      { type: 'text', text: 'Big prompt', cache_control: { type: 'ephemeral' } },
    ])
  })
})

describe('anthropicToOpenAIChat', () => {
  const out = anthropicToOpenAIChat(CLAUDE_CODE_REQUEST)

  it('joins system blocks into one system message', () => {
    expect(out.messages[0]).toEqual({
      role: 'system',
      content:
        "You are Claude Code, Anthropic's official CLI for Claude.\n\nWorking directory: /repo",
    })
  })

  it('keeps user text blocks as parts', () => {
    expect(out.messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: '<system-reminder>Today is Monday.</system-reminder>' },
        { type: 'text', text: 'Run the tests and show me the page.' },
      ],
    })
  })

  it('drops thinking and turns tool_use into tool_calls with JSON arguments', () => {
    expect(out.messages[2]).toEqual({
      role: 'assistant',
      content: "I'll run the tests.",
      tool_calls: [
        {
          id: 'toolu_01',
          type: 'function',
          function: { name: 'Bash', arguments: '{"command":"npm test"}' },
        },
        { id: 'toolu_02', type: 'function', function: { name: 'Screenshot', arguments: '{}' } },
      ],
    })
  })

  it('turns tool_result blocks into tool messages, then the rest of the user turn', () => {
    expect(out.messages.slice(3)).toEqual([
      { role: 'tool', tool_call_id: 'toolu_01', content: 'Error: 1 test failed' },
      { role: 'tool', tool_call_id: 'toolu_02', content: 'Captured.' },
      {
        role: 'user',
        content: [
          // Tool messages cannot carry images; the screenshot rides in the next user message.
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K' } },
          { type: 'text', text: 'Fix it please.' },
        ],
      },
    ])
  })

  it('keeps client tools only and maps tool_choice and parallel use', () => {
    expect(out.tools?.map((t) => t.function.name)).toEqual(['Bash', 'Screenshot'])
    expect(out.tools?.[0]).toEqual({
      type: 'function',
      function: {
        name: 'Bash',
        description: 'Run a shell command',
        parameters: CLAUDE_CODE_REQUEST.tools![0]!.input_schema,
      },
    })
    expect(out.tool_choice).toBe('auto')
    expect(out.parallel_tool_calls).toBe(false)
    const choice = (tool_choice: AnthropicRequest['tool_choice']) =>
      anthropicToOpenAIChat({ ...CLAUDE_CODE_REQUEST, tool_choice }).tool_choice
    expect(choice({ type: 'any' })).toBe('required')
    expect(choice({ type: 'none' })).toBe('none')
    expect(choice({ type: 'tool', name: 'Bash' })).toEqual({
      type: 'function',
      function: { name: 'Bash' },
    })
  })

  it('maps sampling, limits, user and streaming, dropping top_k', () => {
    expect(out.max_tokens).toBe(32000)
    expect(out.temperature).toBe(1)
    expect(out).not.toHaveProperty('top_k')
    expect(out.user).toBe('user_abc_account_123_session_9')
    expect(out.stream).toBe(true)
    expect(out.stream_options).toEqual({ include_usage: true })
    const stop = anthropicToOpenAIChat({
      model: 'm',
      max_tokens: 10,
      stop_sequences: ['</answer>'],
      top_p: 0.5,
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(stop).toEqual({
      model: 'm',
      max_tokens: 10,
      stop: ['</answer>'],
      top_p: 0.5,
      messages: [{ role: 'user', content: 'hi' }],
    })
  })

  it('turns url images and text documents into OpenAI parts', () => {
    const res = anthropicToOpenAIChat({
      model: 'm',
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
          ],
        },
      ],
    })
    expect(res.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
        { type: 'text', text: 'notes' },
      ],
    })
  })
})

describe('round trips', () => {
  it('a tool call and its result survive OpenAI -> Anthropic -> OpenAI', () => {
    const back = anthropicToOpenAIChat(openAIChatToAnthropic(IDE_REQUEST, 'claude-sonnet-4-5'))
    const assistant = back.messages.find((m) => m.role === 'assistant')
    expect(assistant).toEqual(IDE_REQUEST.messages[3])
    expect(back.messages.filter((m) => m.role === 'tool')).toEqual(IDE_REQUEST.messages.slice(4, 6))
    expect(back.tools).toEqual(IDE_REQUEST.tools)
    expect(back.tool_choice).toBe('auto')
  })

  it('invalid tool arguments come back byte for byte', () => {
    const req: OpenAIChatRequest = {
      model: 'm',
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a": tru' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'bad call' },
      ],
    }
    const back = anthropicToOpenAIChat(openAIChatToAnthropic(req, 'c'))
    expect(back.messages[1]).toEqual(req.messages[1])
  })

  it('tool_use and tool_result survive Anthropic -> OpenAI -> Anthropic', () => {
    const back = openAIChatToAnthropic(anthropicToOpenAIChat(CLAUDE_CODE_REQUEST), 'c')
    const assistant = back.messages[1]!.content as { type: string }[]
    expect(assistant.filter((b) => b.type === 'tool_use')).toEqual(
      (CLAUDE_CODE_REQUEST.messages[1]!.content as { type: string }[]).filter(
        (b) => b.type === 'tool_use',
      ),
    )
    const results = (back.messages[2]!.content as { type: string }[]).filter(
      (b) => b.type === 'tool_result',
    )
    expect(results).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_01', content: 'Error: 1 test failed' },
      { type: 'tool_result', tool_use_id: 'toolu_02', content: 'Captured.' },
    ])
  })
})

describe('mid-conversation system messages', () => {
  it('Anthropic → OpenAI: a system message in messages stays a system message at its place', () => {
    const out = anthropicToOpenAIChat({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: 'You are Claude Code.',
      messages: [
        { role: 'user', content: 'fix the cart' },
        { role: 'assistant', content: 'Looking.' },
        {
          role: 'system',
          content: [
            { type: 'text', text: '<env>cwd: /shop</env>' },
            { type: 'text', text: '<env>branch: main</env>' },
          ],
        },
        { role: 'user', content: 'go on' },
      ],
    })
    expect(out.messages).toEqual([
      { role: 'system', content: 'You are Claude Code.' },
      { role: 'user', content: 'fix the cart' },
      { role: 'assistant', content: 'Looking.' },
      { role: 'system', content: '<env>cwd: /shop</env>\n\n<env>branch: main</env>' },
      { role: 'user', content: 'go on' },
    ])
  })

  it('Anthropic → OpenAI: a system message shown only until the next user message is dropped after one', () => {
    const hint: AnthropicMessage = {
      role: 'system',
      content: 'plan mode',
      clear_at: 'next_user_message',
    }
    const req = (messages: AnthropicRequest['messages']): AnthropicRequest => ({
      model: 'm',
      max_tokens: 10,
      messages,
    })
    const later = anthropicToOpenAIChat(
      req([{ role: 'user', content: 'a' }, hint, { role: 'user', content: 'b' }]),
    )
    expect(later.messages.map((m) => m.content)).toEqual(['a', 'b'])
    const current = anthropicToOpenAIChat(req([{ role: 'user', content: 'a' }, hint]))
    expect(current.messages).toEqual([
      { role: 'user', content: 'a' },
      { role: 'system', content: 'plan mode' },
    ])
  })

  it('OpenAI → Anthropic: a later system or developer message becomes its own system block, in order', () => {
    const out = openAIChatToAnthropic(
      {
        model: 'x',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: 'a1' },
          { role: 'developer', content: 'Now in plan mode.' },
          { role: 'user', content: 'q2' },
        ],
      },
      'claude-sonnet-4-5',
    )
    expect(out.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Now in plan mode.' },
    ])
    expect(out.messages).toEqual([
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
    ])
  })
})

describe('Anthropic beta fields toward OpenAI', () => {
  it('are not carried into the OpenAI request, at the top level or on tools', () => {
    const out = anthropicToOpenAIChat({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      output_config: { effort: 'high' },
      output_format: { type: 'json_schema', schema: { type: 'object' } },
      mcp_servers: [{ type: 'url', url: 'https://mcp.example', name: 'x' }],
      container: 'container_1',
      speed: 'fast',
      fallbacks: ['default'],
      diagnostics: { previous_response_id: 'msg_1' },
      cache_control: { type: 'ephemeral' },
      inference_geo: 'us',
      service_tier: 'auto',
      top_k: 5,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [
        {
          name: 'read_file',
          input_schema: { type: 'object' },
          defer_loading: true,
          eager_input_streaming: true,
          input_examples: [{}],
          allowed_callers: ['direct'],
          strict: true,
          cache_control: { type: 'ephemeral' },
        },
      ],
    })
    expect(out).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [
        { type: 'function', function: { name: 'read_file', parameters: { type: 'object' } } },
      ],
    })
  })
})
