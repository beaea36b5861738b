import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { encode } from 'gpt-tokenizer/encoding/o200k_base'
import { describe, expect, it } from 'vitest'
import type { OpenAIChatRequest } from '../../src/main/core/providers/wire/openai.ts'
import { anthropicToOpenAIChat } from '../../src/main/core/providers/translate/anthropic-request.ts'
import {
  estimatePromptTokens,
  estimateTextTokens,
  promptTokenCeiling,
} from '../../src/main/core/routing/estimate-tokens.ts'

// The estimator was fitted on this repository's source and docs; it is measured here on requests
// real clients sent (test/fixtures/clients), which it was not fitted on.
const fixtures = join(import.meta.dirname, '../fixtures/clients')
const count = (text: string) => encode(text, { disallowedSpecial: new Set() }).length

/** o200k_base's count of what a chat model reads: each message's text, tool calls, tool JSON. */
function tokenizerCount(chat: OpenAIChatRequest): number {
  let tokens = 3
  for (const m of chat.messages) {
    tokens += 4
    const content: unknown = m.content
    if (typeof content === 'string') tokens += count(content)
    else if (Array.isArray(content))
      for (const part of content as { text?: string }[]) tokens += count(part.text ?? '')
    for (const call of (m as { tool_calls?: { function: { name: string; arguments: string } }[] })
      .tool_calls ?? [])
      tokens += count(call.function.name) + 1 + count(call.function.arguments)
  }
  if (chat.tools?.length) tokens += count(JSON.stringify(chat.tools))
  return tokens
}

/** Each real client request as the rules read it, with the length of the JSON it was sent as. */
function realRequests(): { name: string; chat: OpenAIChatRequest; jsonChars: number }[] {
  return readdirSync(fixtures)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, ...JSON.parse(readFileSync(join(fixtures, f), 'utf8')) }))
    .filter((f) => f.route === 'chat' || f.route === 'messages')
    .map((f) => ({
      name: f.name,
      chat: f.route === 'messages' ? anthropicToOpenAIChat(f.body) : f.body,
      jsonChars: JSON.stringify(f.body).length,
    }))
}

const sourceFile = (path: string) =>
  readFileSync(join(import.meta.dirname, '../../src/main/core', path), 'utf8')

/** An agent turn that read a dozen source files, each long enough to be sampled, not read whole. */
function manyFilesRead(): OpenAIChatRequest {
  const files = [
    'mux/forward.ts',
    'mux/mux-routes.ts',
    'mux/resolve-decision.ts',
    'routing/extract-file-names.ts',
    'routing/file-names-in-prose.ts',
    'activity/request-log.ts',
  ].map(sourceFile)
  return {
    model: 'm',
    messages: [
      { role: 'system', content: 'You are a coding agent.' },
      { role: 'user', content: 'Why does the fallback loop stop early?' },
      ...[...files, ...files].map((content, i) => ({
        role: 'tool' as const,
        tool_call_id: `t${i}`,
        content,
      })),
    ],
  }
}

describe('prompt token estimate', () => {
  it('is within 10% of a real tokenizer on every real client request', () => {
    const requests = realRequests()
    expect(requests.length).toBeGreaterThanOrEqual(6)
    for (const { name, chat } of requests) {
      const real = tokenizerCount(chat)
      const estimate = estimatePromptTokens(chat)
      const error = Math.abs(estimate - real) / real
      expect(error, `${name}: ${estimate} vs ${real}`).toBeLessThan(0.1)
    }
  })

  it('stays within 10% on a 200k-token agent context, whose long texts it only samples', () => {
    const source = readFileSync(
      join(import.meta.dirname, '../../src/main/core/mux/forward.ts'),
      'utf8',
    )
    const file = source.repeat(Math.ceil(400_000 / source.length))
    const chat: OpenAIChatRequest = {
      model: 'm',
      messages: [
        { role: 'system', content: 'You are a coding agent.' },
        { role: 'user', content: 'Why does the fallback loop stop early?' },
        { role: 'tool', tool_call_id: 't1', content: file },
        { role: 'tool', tool_call_id: 't2', content: file },
      ],
    }
    const real = tokenizerCount(chat)
    expect(real).toBeGreaterThan(150_000)
    expect(Math.abs(estimatePromptTokens(chat) - real) / real).toBeLessThan(0.1)
  })

  it('stays within 10% when many long files were read, past the budget of characters it reads', () => {
    const chat = manyFilesRead()
    const real = tokenizerCount(chat)
    expect(real).toBeGreaterThan(40_000)
    const estimate = estimatePromptTokens(chat)
    expect(Math.abs(estimate - real) / real, `${estimate} vs ${real}`).toBeLessThan(0.1)
  })

  it('counts an image as a fixed cost instead of its base64 length', () => {
    const data = 'data:image/png;base64,' + 'A'.repeat(200_000)
    const chat: OpenAIChatRequest = {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this screenshot?' },
            { type: 'image_url', image_url: { url: data } },
          ],
        },
      ],
    }
    const estimate = estimatePromptTokens(chat)
    expect(estimate).toBeGreaterThan(500)
    expect(estimate).toBeLessThan(2000)
  })

  it('counts prose and code close to the tokenizer', () => {
    const prose =
      'The cart total is wrong when a coupon is applied. Look at the total calculation and fix it, then run the tests.'
    expect(Math.abs(estimateTextTokens(prose) - count(prose))).toBeLessThanOrEqual(3)
    expect(estimateTextTokens('')).toBe(0)
  })
})

describe('prompt token ceiling', () => {
  it('is never below the estimate, for real client requests and long agent contexts', () => {
    const requests = [
      ...realRequests(),
      ...[manyFilesRead()].map((chat) => ({
        name: 'many files read',
        chat,
        jsonChars: JSON.stringify(chat).length,
      })),
    ]
    for (const { name, chat, jsonChars } of requests)
      expect(promptTokenCeiling(jsonChars, chat), name).toBeGreaterThanOrEqual(
        estimatePromptTokens(chat),
      )
  })

  it('counts images at their fixed cost, however short their URL', () => {
    const chat: OpenAIChatRequest = {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: Array.from({ length: 8 }, () => ({
            type: 'image_url' as const,
            image_url: { url: 'https://x.y/i.png' },
          })),
        },
      ],
    }
    const ceiling = promptTokenCeiling(JSON.stringify(chat).length, chat)
    expect(ceiling).toBeGreaterThanOrEqual(estimatePromptTokens(chat))
    expect(ceiling).toBeGreaterThan(8_000)
  })

  it('clears a large context window for an everyday request without reading its text', () => {
    const everyday = realRequests().find((r) => r.name === 'continue.json')!
    expect(promptTokenCeiling(everyday.jsonChars, everyday.chat)).toBeLessThan(128_000)
  })
})
