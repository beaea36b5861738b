import { describe, expect, it } from 'vitest'
import { SwitchboardError } from '../../src/shared/errors.ts'
import { parseInbound, type InboundRequest } from '../../src/main/core/mux/inbound.ts'

// Each dialect checks the fields it reads or translates and answers the first problem with a 400
// that names the field and says what to send; everything else passes through untouched.

function refusal(route: InboundRequest['route'], body: Record<string, unknown>) {
  try {
    parseInbound(route, body)
  } catch (err) {
    if (err instanceof SwitchboardError) return { param: err.param, message: err.message }
    throw err
  }
  throw new Error('expected a 400')
}

const chat = (extra: Record<string, unknown>) => ({
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
})
const anthropic = (extra: Record<string, unknown>) => ({
  max_tokens: 64,
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
})

describe('request body checks', () => {
  it.each([
    [
      'chat',
      { messages: [] },
      'messages',
      'expected a non-empty array of {role, content} messages',
    ],
    [
      'chat',
      { messages: [{ role: 'bot', content: 'x' }] },
      'messages[0].role',
      'expected "role" to be system, developer, user, assistant or tool',
    ],
    [
      'chat',
      { messages: [{ role: 'tool', content: 'x' }] },
      'messages[0].tool_call_id',
      'expected the id of the tool call this answers',
    ],
    [
      'chat',
      { messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      'messages[0].content[0].text',
      'expected the text',
    ],
    [
      'chat',
      { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: 'x' }] }] },
      'messages[0].content[0].image_url',
      'expected {"url": "..."}',
    ],
    [
      'chat',
      { messages: [{ role: 'assistant', content: null, tool_calls: [{ function: 5 }] }] },
      'messages[0].tool_calls[0].function',
      'expected {"name": "...", "arguments": "..."}',
    ],
    [
      'chat',
      chat({ tools: [{ type: 'function', function: { name: 5 } }] }),
      'tools[0].function.name',
      'expected the function name',
    ],
    [
      'chat',
      chat({ max_tokens: -1 }),
      'max_tokens',
      'expected a whole number of tokens, 0 or more',
    ],
    ['chat', chat({ max_tokens: 1.5 }), 'max_tokens', 'expected a whole number of tokens'],
    ['chat', chat({ stop: ['a', 5] }), 'stop', 'expected a string or an array of strings'],
    ['chat', chat({ stream: 'yes' }), 'stream', 'expected true or false'],
    [
      'messages',
      { messages: [{ role: 'user' }] },
      'messages[0].content',
      'expected a string or an array of content blocks',
    ],
    [
      'messages',
      { messages: [{ role: 'user', content: [{ type: 'image' }] }] },
      'messages[0].content[0].source',
      'expected a source object such as {"type": "base64", ...}',
    ],
    [
      'messages',
      { messages: [{ role: 'user', content: [{ type: 'tool_use', id: 't' }] }] },
      'messages[0].content[0].name',
      'expected the tool name',
    ],
    [
      'messages',
      anthropic({ system: [{ text: 'x' }] }),
      'system[0].type',
      'expected a text block such as {"type": "text", "text": "..."}',
    ],
    ['messages', anthropic({ tools: null }), 'tools', 'expected an array of tools'],
    [
      'messages',
      anthropic({ tools: [{ name: 'n' }] }),
      'tools[0].input_schema',
      'expected a JSON schema object',
    ],
    ['messages', anthropic({ stop_sequences: ['a', 5] }), 'stop_sequences[1]', 'expected a string'],
    [
      'responses',
      { input: 5 },
      'input',
      'expected the conversation as a string or an array of input items',
    ],
    [
      'responses',
      { input: [5] },
      'input[0]',
      'expected an input item such as {"role": "user", "content": "..."}',
    ],
    [
      'responses',
      { input: [{ type: 'function_call', call_id: 'c', name: 5, arguments: '{}' }] },
      'input[0].name',
      'expected the function name',
    ],
    [
      'responses',
      { input: 'x', tools: [{ type: 'namespace', name: 'n', tools: [{ type: 'function' }] }] },
      'tools[0].tools[0].name',
      'expected the function name',
    ],
    [
      'completions',
      { prompt: ['a', 5] },
      'prompt',
      'expected the prompt as a string (or an array of strings)',
    ],
    [
      'completions',
      { prompt: 'a', suffix: 5 },
      'suffix',
      'expected the text after the cursor as a string',
    ],
  ] as const)('%s %j: 400 naming %s', (route, body, param, message) => {
    const r = refusal(route, body)
    expect(r.param).toBe(param)
    expect(r.message).toContain(`Invalid "${param}": ${message}. See https://`)
  })

  it('passes unknown fields and newer block types through untouched', () => {
    const body = {
      messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }],
      modalities: ['text'],
      stream: true,
    }
    const inbound = parseInbound('chat', body)
    expect(inbound).toMatchObject({ model: 'switchboard', stream: true })
    expect(inbound.body).toBe(body)
  })
})
