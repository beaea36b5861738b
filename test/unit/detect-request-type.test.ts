import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectRequestType, hasFimTokens } from '../../src/main/core/routing/detect-request-type.ts'

interface ClientFixture {
  client: string
  route: 'chat' | 'completions'
  body: { messages?: unknown; prompt?: unknown; suffix?: unknown }
  expect: { requestType: 'chat' | 'fim' }
}

const fixtureDir = new URL('../fixtures/clients/', import.meta.url)
const fixtures: ClientFixture[] = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as ClientFixture)

const chat = (...contents: unknown[]) => ({
  messages: contents.map((content) => ({ role: 'user', content })),
})

const FIM_PROMPTS = [
  ['Qwen / StarCoder2', '<|fim_prefix|>def f():\n    <|fim_suffix|>\n<|fim_middle|>'],
  ['StarCoder / SantaCoder', '<fim_prefix>def f():\n    <fim_suffix>\n<fim_middle>'],
  ['CodeLlama', '<PRE> def f():\n     <SUF>\n <MID>'],
  ['DeepSeek Coder', '<｜fim▁begin｜>def f():\n    <｜fim▁hole｜>\n<｜fim▁end｜>'],
  ['Codestral', '[SUFFIX]\n    return x\n[PREFIX]def f():\n    '],
] as const

describe('detectRequestType on real client requests', () => {
  it('covers chat and fim fixtures', () => {
    expect(new Set(fixtures.map((f) => f.expect.requestType))).toEqual(new Set(['chat', 'fim']))
  })

  it.each(fixtures.map((f) => [f.client, f] as const))('%s', (_, fixture) => {
    expect(detectRequestType(fixture.route, fixture.body)).toBe(fixture.expect.requestType)
  })
})

describe('detectRequestType on legacy completions', () => {
  it.each([
    ['with a suffix', { prompt: 'def f():\n    ', suffix: '\n    return x' }],
    ['with an empty suffix (cursor at end of file)', { prompt: 'x = ', suffix: '' }],
    ['with FIM tokens and no suffix', { prompt: FIM_PROMPTS[0][1] }],
    ['with a plain prompt and no suffix', { prompt: 'import os\n\ndef main():\n    ' }],
    ['with a null suffix', { prompt: 'x = ', suffix: null }],
    ['with an array prompt', { prompt: ['a', 'b'] }],
  ])('is fim %s', (_, body) => {
    expect(detectRequestType('completions', body)).toBe('fim')
  })
})

describe('detectRequestType on chat', () => {
  it.each(FIM_PROMPTS)('is fim when the last user message is a %s FIM prompt', (_, prompt) => {
    expect(detectRequestType('chat', chat(prompt))).toBe('fim')
  })

  it('reads FIM tokens from text parts', () => {
    const parts = [
      { type: 'image_url', image_url: { url: 'data:,' } },
      { type: 'text', text: FIM_PROMPTS[2][1] },
    ]
    expect(detectRequestType('chat', chat(parts))).toBe('fim')
  })

  it('looks at the last user message, past a trailing assistant prefill', () => {
    const body = {
      messages: [
        { role: 'user', content: FIM_PROMPTS[0][1] },
        { role: 'assistant', content: 'def' },
      ],
    }
    expect(detectRequestType('chat', body)).toBe('fim')
  })

  it.each([
    ['a plain question', chat('Why does this re-render?')],
    ['a single token mentioned in prose', chat('What does <PRE> mean in CodeLlama prompts?')],
    ['one Codestral marker', chat('The [PREFIX] section holds the code before the cursor.')],
    ['tokens of different families', chat('<PRE> vs <|fim_middle|> vs [SUFFIX]')],
    ['tokens only in an earlier user message', chat(FIM_PROMPTS[0][1], 'thanks, now explain it')],
    [
      'tokens only in assistant or system messages',
      {
        messages: [
          { role: 'system', content: FIM_PROMPTS[1][1] },
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: FIM_PROMPTS[1][1] },
        ],
      },
    ],
    ['no messages', {}],
    ['messages that are not an array', { messages: 'nope' }],
    ['a prompt and suffix on the chat route', { prompt: 'x', suffix: 'y', messages: [] }],
  ])('is chat for %s', (_, body) => {
    expect(detectRequestType('chat', body)).toBe('chat')
  })
})

describe('hasFimTokens bounds', () => {
  const filler = 'x'.repeat(200 * 1024)

  it('finds tokens at both ends of a long prompt', () => {
    expect(hasFimTokens(`<|fim_prefix|>${filler}<|fim_suffix|>${filler}<|fim_middle|>`)).toBe(true)
  })

  it('does not search the middle of a long message', () => {
    expect(hasFimTokens(`${filler}<PRE> a <SUF> b <MID>${filler}`)).toBe(false)
    expect(hasFimTokens(`<PRE> a <SUF> b <MID>${filler}`)).toBe(true)
  })
})
