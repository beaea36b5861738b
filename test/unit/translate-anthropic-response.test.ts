import { describe, expect, it } from 'vitest'
import {
  anthropicErrorToOpenAI,
  anthropicResponseToOpenAI,
  anthropicStopToOpenAI,
  anthropicUsageToOpenAI,
  openAIErrorToAnthropic,
  openAIFinishToAnthropic,
  openAIResponseToAnthropic,
  openAIUsageToAnthropic,
} from '../../src/main/core/providers/translate/anthropic-response.ts'
import type { AnthropicResponse } from '../../src/main/core/providers/wire/anthropic.ts'
import type { OpenAIChatResponse } from '../../src/main/core/providers/wire/openai.ts'

// A Messages API answer with extended thinking, text and a tool call, on a prompt-cached request.
const CLAUDE_RESPONSE: AnthropicResponse = {
  id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [
    { type: 'thinking', thinking: 'The user wants the weather.', signature: 'EqQBCgIYAh...' },
    { type: 'text', text: "I'll check the weather." },
    {
      type: 'tool_use',
      id: 'toolu_01A09q90qw90lq917835lq9',
      name: 'get_weather',
      input: { location: 'San Francisco, CA', unit: 'celsius' },
    },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: {
    input_tokens: 12,
    cache_creation_input_tokens: 100,
    cache_read_input_tokens: 2000,
    output_tokens: 80,
  },
}

// A chat completion with a tool call, from a server that reports cached prompt tokens.
const OPENAI_RESPONSE: OpenAIChatResponse = {
  id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
  object: 'chat.completion',
  created: 1741570283,
  model: 'gpt-4o-2024-08-06',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Let me look.',
        refusal: null,
        tool_calls: [
          {
            id: 'call_abc',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    },
  ],
  usage: {
    prompt_tokens: 1117,
    completion_tokens: 46,
    total_tokens: 1163,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
  },
}

describe('anthropicResponseToOpenAI', () => {
  const out = anthropicResponseToOpenAI(CLAUDE_RESPONSE, 'mux-model')

  it('produces one choice with text, tool calls and the thinking as reasoning_content', () => {
    expect(out.object).toBe('chat.completion')
    expect(out.model).toBe('mux-model')
    expect(out.choices).toHaveLength(1)
    expect(out.choices[0]).toEqual({
      index: 0,
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: "I'll check the weather.",
        reasoning_content: 'The user wants the weather.',
        tool_calls: [
          {
            id: 'toolu_01A09q90qw90lq917835lq9',
            type: 'function',
            function: {
              name: 'get_weather',
              arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
            },
          },
        ],
      },
    })
  })

  it('counts cache reads and writes as prompt tokens and keeps the breakdown', () => {
    expect(out.usage).toEqual({
      prompt_tokens: 2112,
      completion_tokens: 80,
      total_tokens: 2192,
      prompt_tokens_details: { cached_tokens: 2000, cache_creation_tokens: 100 },
    })
  })

  it('uses null content when the answer is only tool calls', () => {
    const toolOnly = anthropicResponseToOpenAI(
      { ...CLAUDE_RESPONSE, content: [CLAUDE_RESPONSE.content[2]!] },
      'm',
    )
    expect(toolOnly.choices[0]!.message.content).toBeNull()
  })
})

describe('openAIResponseToAnthropic', () => {
  it('produces text and tool_use blocks with parsed input', () => {
    const out = openAIResponseToAnthropic(OPENAI_RESPONSE, 'claude-sonnet-4-5')
    expect(out).toEqual({
      id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_use', id: 'call_abc', name: 'get_weather', input: { location: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 93,
        output_tokens: 46,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 1024,
      },
    })
  })

  it('says tool_use when a local server reports "stop" for a tool-call turn', () => {
    const res = structuredClone(OPENAI_RESPONSE)
    res.choices[0]!.finish_reason = 'stop'
    expect(openAIResponseToAnthropic(res, 'm').stop_reason).toBe('tool_use')
  })

  it('turns reasoning into a thinking block first, unless asked not to', () => {
    const res = structuredClone(OPENAI_RESPONSE)
    ;(res.choices[0]!.message as Record<string, unknown>).reasoning_content = 'Paris is in France.'
    expect(openAIResponseToAnthropic(res, 'm').content[0]).toEqual({
      type: 'thinking',
      thinking: 'Paris is in France.',
      signature: '',
    })
    const plain = openAIResponseToAnthropic(res, 'm', { thinking: false })
    expect(plain.content.map((b) => b.type)).toEqual(['text', 'tool_use'])
  })

  it('reports a refusal as text with stop_reason refusal', () => {
    const out = openAIResponseToAnthropic(
      {
        ...OPENAI_RESPONSE,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, refusal: "I can't help with that." },
            finish_reason: 'stop',
          },
        ],
      },
      'm',
    )
    expect(out.content).toEqual([{ type: 'text', text: "I can't help with that." }])
    expect(out.stop_reason).toBe('refusal')
  })

  it('survives a response without usage or choices', () => {
    const out = openAIResponseToAnthropic({ id: 'x' } as unknown as OpenAIChatResponse, 'm')
    expect(out.content).toEqual([])
    expect(out.stop_reason).toBe('end_turn')
    expect(out.usage).toMatchObject({ input_tokens: 0, output_tokens: 0 })
  })
})

describe('stop reasons', () => {
  it('maps every Anthropic stop_reason to an OpenAI finish_reason', () => {
    const table = {
      end_turn: 'stop',
      stop_sequence: 'stop',
      pause_turn: 'stop',
      max_tokens: 'length',
      model_context_window_exceeded: 'length',
      tool_use: 'tool_calls',
      refusal: 'content_filter',
      something_new: 'stop',
    }
    for (const [reason, finish] of Object.entries(table)) {
      expect([reason, anthropicStopToOpenAI(reason)]).toEqual([reason, finish])
    }
    expect(anthropicStopToOpenAI(null)).toBeNull()
  })

  it('maps every OpenAI finish_reason to an Anthropic stop_reason', () => {
    expect(openAIFinishToAnthropic('stop', false)).toBe('end_turn')
    expect(openAIFinishToAnthropic('length', false)).toBe('max_tokens')
    expect(openAIFinishToAnthropic('tool_calls', true)).toBe('tool_use')
    expect(openAIFinishToAnthropic('function_call', false)).toBe('tool_use')
    expect(openAIFinishToAnthropic('content_filter', false)).toBe('refusal')
    expect(openAIFinishToAnthropic(null, false)).toBe('end_turn')
    // A truncated tool call is still truncated.
    expect(openAIFinishToAnthropic('length', true)).toBe('max_tokens')
  })
})

describe('usage', () => {
  it('survives Anthropic -> OpenAI -> Anthropic including cache tokens', () => {
    expect(openAIUsageToAnthropic(anthropicUsageToOpenAI(CLAUDE_RESPONSE.usage))).toEqual(
      CLAUDE_RESPONSE.usage,
    )
  })

  it('treats missing or garbage numbers as zero', () => {
    expect(anthropicUsageToOpenAI(undefined)).toMatchObject({ prompt_tokens: 0, total_tokens: 0 })
    expect(
      anthropicUsageToOpenAI({ input_tokens: 5, output_tokens: 'x' as unknown as number }),
    ).toMatchObject({ prompt_tokens: 5, completion_tokens: 0, total_tokens: 5 })
  })
})

describe('anthropicErrorToOpenAI', () => {
  it('keeps the message and maps the type, with the Anthropic type as code', () => {
    const body = {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: 'req_1',
    }
    expect(anthropicErrorToOpenAI(body, 529)).toEqual({
      error: { message: 'Overloaded', type: 'server_error', code: 'overloaded_error', param: null },
    })
    expect(
      anthropicErrorToOpenAI(
        JSON.stringify({
          type: 'error',
          error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
        }),
        400,
      ).error,
    ).toMatchObject({ message: 'max_tokens: Field required', type: 'invalid_request_error' })
    expect(
      anthropicErrorToOpenAI(
        { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
        429,
      ).error.type,
    ).toBe('rate_limit_error')
  })

  it('derives a type from the status and quotes a non-JSON body', () => {
    const out = anthropicErrorToOpenAI('<html><body>502 Bad Gateway</body></html>', 502)
    expect(out.error.type).toBe('server_error')
    expect(out.error.code).toBe('api_error')
    expect(out.error.message).toContain('502 Bad Gateway')
    expect(anthropicErrorToOpenAI('x'.repeat(5000), 500).error.message.length).toBeLessThan(600)
  })

  it('reads the loose bodies proxies send', () => {
    expect(anthropicErrorToOpenAI({ error: 'upstream timeout' }, 504).error.message).toBe(
      'upstream timeout',
    )
    expect(anthropicErrorToOpenAI({ message: 'Forbidden' }, 403).error).toMatchObject({
      message: 'Forbidden',
      type: 'permission_error',
    })
  })

  it('answers with a usable body for nothing, numbers and arrays', () => {
    for (const body of [undefined, null, '', 42, [1, 2], { error: { type: 7 } }]) {
      const out = anthropicErrorToOpenAI(body, 401)
      expect(out.error.type).toBe('authentication_error')
      expect(typeof out.error.message).toBe('string')
      expect(out.error.message.length).toBeGreaterThan(0)
    }
  })
})

describe('openAIErrorToAnthropic', () => {
  it('keeps the message of an OpenAI error body and maps the status to a type', () => {
    const body = {
      error: {
        message: 'Incorrect API key provided: sk-abc.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    }
    expect(openAIErrorToAnthropic(body, 401)).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'Incorrect API key provided: sk-abc.' },
    })
    expect(openAIErrorToAnthropic(body, 429).error.type).toBe('rate_limit_error')
    expect(openAIErrorToAnthropic(body, 503).error.type).toBe('overloaded_error')
    expect(openAIErrorToAnthropic(body, 500).error.type).toBe('api_error')
    expect(openAIErrorToAnthropic(body, 404).error.type).toBe('not_found_error')
  })

  it('tells quota exhaustion apart from rate limiting', () => {
    const body = {
      error: { message: 'You exceeded your current quota', type: 'insufficient_quota' },
    }
    expect(openAIErrorToAnthropic(body, 429).error.type).toBe('billing_error')
  })

  it('reads the body shapes of Ollama, vLLM and plain-text servers', () => {
    expect(openAIErrorToAnthropic({ error: 'model "qwen3" not found' }, 404).error).toEqual({
      type: 'not_found_error',
      message: 'model "qwen3" not found',
    })
    expect(
      openAIErrorToAnthropic(
        { detail: [{ loc: ['body', 'messages'], msg: 'field required' }] },
        422,
      ).error.message,
    ).toContain('field required')
    expect(openAIErrorToAnthropic('{"error":{"message":"bad"}}', 400).error.message).toBe('bad')
    expect(openAIErrorToAnthropic('Bad Gateway', 502).error.message).toContain('Bad Gateway')
    expect(openAIErrorToAnthropic(undefined, 500).error.message).toContain('500')
  })
})
