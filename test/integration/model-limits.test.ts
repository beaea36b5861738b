import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

// Claude Code sends max_tokens 128000; an OpenAI-compatible model that allows 16,384 output tokens
// refuses that with a 400 every time. These tests drive the Anthropic SDK, as Claude Code does.

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  // A vLLM server on the same fake: no published limits for its model, so they are learned.
  await w.t.core.api.createProvider({
    id: 'vl',
    name: 'vLLM',
    kind: 'vllm',
    endpoint: w.openaiUp.url + '/v1',
  })
  w.openaiUp.requests.length = 0
})
afterAll(() => w.close())
afterEach(() => {
  for (const up of [w.openaiUp, w.anthropicUp, w.ollamaUp]) {
    for (const key of Object.keys(up.behaviour))
      delete up.behaviour[key as keyof typeof up.behaviour]
    up.requests.length = 0
  }
})

// A non-streaming call with this max_tokens needs an explicit timeout in the SDK.
const askClaudeCode = (model: string, text = 'hi') =>
  w.anthropic.messages.create(
    { model, max_tokens: 128_000, messages: [{ role: 'user', content: text }] },
    { timeout: 60_000 },
  )
// Claude Code streams.
const streamClaudeCode = (model: string, text: string) =>
  w.anthropic.messages.create({
    model,
    max_tokens: 128_000,
    messages: [{ role: 'user', content: text }],
    stream: true,
  })
const sentMaxTokens = () => w.openaiUp.bodies().map((b) => b.max_tokens)
// About 150,000 tokens by the prompt estimate (a short word is a little over one token).
const hugePrompt = () => ' lorem'.repeat(136_000)

async function catchAll(target: [string, string], ...fallbacks: [string, string][]) {
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: {
      target: { provider: target[0], model: target[1] },
      fallbacks: fallbacks.map(([provider, model]) => ({ provider, model })),
    },
  })
}

describe('output limits', () => {
  it('clamps max_tokens at once for a model the table knows, and logs the clamp', async () => {
    w.openaiUp.behaviour.maxOutputTokens = 16_384
    const msg = await askClaudeCode('oai/gpt-4o', 'write a lot')
    expect(msg.content[0]).toMatchObject({ type: 'text', text: 'echo: write a lot' })
    expect(sentMaxTokens()).toEqual([16_384])
    const [entry] = await loggedRequests(w.t)
    expect(entry!.status).toBe(200)
    expect(entry!.attempts[0]!.note).toMatch(
      /^max_tokens clamped 128000→16384 \(the model limit in Switchboard's table\)$/,
    )
  })

  it('learns an unknown model’s limit from the 400, retries once, and clamps the next request at once', async () => {
    w.openaiUp.behaviour.maxOutputTokens = 16_384
    const stream = await streamClaudeCode('oai/my-finetune', 'stream it')
    let text = ''
    for await (const event of stream)
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        text += event.delta.text
    expect(text).toContain('echo: stream it')
    expect(sentMaxTokens()).toEqual([128_000, 16_384])
    const [entry] = await loggedRequests(w.t)
    expect(entry!.attempts).toHaveLength(1)
    expect(entry!.attempts[0]).toMatchObject({ status: 200, error: null })
    expect(entry!.attempts[0]!.note).toMatch(
      /^max_tokens clamped 128000→16384 \(the upstream's 400 stated the limit; sent again\)$/,
    )

    w.openaiUp.requests.length = 0
    await askClaudeCode('oai/my-finetune')
    expect(sentMaxTokens()).toEqual([16_384])
  })

  it('passes a refusal through unchanged when it states no limit', async () => {
    const err = await askClaudeCode('claude/claude-sonnet-4-5', 'please reject this').catch(
      (e) => e,
    )
    expect(err.status).toBe(400)
    expect(err.message).toMatch(/the fake refuses this request/)
    expect(w.anthropicUp.requests).toHaveLength(1)
  })

  it('learns Anthropic’s limit from its 400 for a model the table does not know', async () => {
    w.anthropicUp.behaviour.maxOutputTokens = 64_000
    const msg = await askClaudeCode('claude/claude-next-preview')
    expect(msg.content[0]).toMatchObject({ type: 'text' })
    expect(w.anthropicUp.bodies().map((b) => b.max_tokens)).toEqual([128_000, 64_000])
  })
})

describe('context windows', () => {
  it('skips a target whose context window is smaller than the prompt, and says why', async () => {
    await catchAll(['oai', 'gpt-4o'], ['claude', 'claude-sonnet-4-5'])
    const msg = await askClaudeCode('switchboard', hugePrompt())
    expect(msg.content[0]).toMatchObject({ type: 'text' })
    expect(w.openaiUp.requests).toHaveLength(0)
    expect(w.anthropicUp.requests).toHaveLength(1)
    const [entry] = await loggedRequests(w.t)
    expect(entry!.provider).toBe('claude')
    expect(entry!.attempts[0]).toMatchObject({ target: { provider: 'oai' }, status: null })
    expect(entry!.attempts[0]!.error).toMatch(
      /^skipped: ~1\d\d,\d{3} prompt tokens exceed the 128,000-token context window$/,
    )
  })

  it('sends an agent turn that read many long files to a window it fits, however many it read', async () => {
    await catchAll(['oai', 'gpt-4o'], ['claude', 'claude-sonnet-4-5'])
    const file = readFileSync(
      join(import.meta.dirname, '../../src/main/core/routing/extract-file-names.ts'),
      'utf8',
    )
    // Claude Code's shape: each read is a tool_use and a tool_result holding the file (~5k tokens).
    const reads = Array.from({ length: 12 }, (_, i) => [
      {
        role: 'assistant' as const,
        content: [
          {
            type: 'tool_use' as const,
            id: `toolu_${i}`,
            name: 'Read',
            input: { file_path: `/repo/src/part${i}.ts` },
          },
        ],
      },
      {
        role: 'user' as const,
        content: [{ type: 'tool_result' as const, tool_use_id: `toolu_${i}`, content: file }],
      },
    ]).flat()
    await w.anthropic.messages.create(
      {
        model: 'switchboard',
        max_tokens: 1024,
        messages: [{ role: 'user', content: 'Why does the scan stop early?' }, ...reads],
      },
      { timeout: 60_000 },
    )
    // ~70k tokens: well inside gpt-4o's 128k window, so nothing is skipped.
    expect(w.openaiUp.requests).toHaveLength(1)
    const [entry] = await loggedRequests(w.t)
    expect(entry!.provider).toBe('oai')
    expect(entry!.attempts).toHaveLength(1)
  })

  it('answers a clear 400 in the client’s dialect when every target’s window is too small', async () => {
    await catchAll(['oai', 'gpt-4o'])
    const err = await askClaudeCode('switchboard', hugePrompt()).catch((e) => e)
    expect(err.status).toBe(400)
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } })
    expect(err.message).toMatch(
      /prompt is too long: ~1\d\d,\d{3} tokens > .*oai\/gpt-4o \(128,000\)/,
    )
    expect(w.openaiUp.requests).toHaveLength(0)
  })

  it('learns a vLLM context window from its 400, fits the output into it, then skips prompts too big for it', async () => {
    w.openaiUp.behaviour.contextWindow = 4_000
    const msg = await askClaudeCode('vl/served-model', 'short question')
    expect(msg.content[0]).toMatchObject({ type: 'text', text: 'echo: short question' })
    const [first, retry] = sentMaxTokens() as number[]
    expect(first).toBe(128_000)
    expect(retry).toBeGreaterThan(3_900)
    expect(retry).toBeLessThan(4_000)

    w.openaiUp.requests.length = 0
    const err = await askClaudeCode('vl/served-model', ' lorem'.repeat(5_000)).catch((e) => e)
    expect(err.status).toBe(400)
    expect(err.message).toMatch(/vl\/served-model \(4,000\)/)
    expect(w.openaiUp.requests).toHaveLength(0)
  })
})
