import { describe, expect, it } from 'vitest'
import type { ProviderRecord } from '../../src/main/core/db/provider-repo.ts'
import { parseInbound } from '../../src/main/core/mux/inbound.ts'
import { planUpstream } from '../../src/main/core/mux/upstream-plan.ts'
import { providerRecord } from '../helpers/provider-record.ts'

function provider(kind: ProviderRecord['kind'], endpoint: string): ProviderRecord {
  return providerRecord({ id: kind, name: kind, kind, endpoint })
}
const openai = provider('openai', 'http://127.0.0.1:1/v1')
const anthropic = provider('anthropic', 'http://127.0.0.1:2')
const ollama = provider('ollama', 'http://127.0.0.1:3')
const messages = [{ role: 'user', content: 'hi' }]
// What Claude Code sends.
const claudeCode = parseInbound('messages', {
  model: 'claude-sonnet-4-5',
  max_tokens: 128_000,
  messages,
})
const sent = (plan: { body: string | Buffer }) =>
  JSON.parse(String(plan.body)) as Record<string, unknown>

describe('output tokens clamped to the target model’s limit', () => {
  it('lowers max_tokens for an OpenAI-compatible target and says so', () => {
    const plan = planUpstream(claudeCode, openai, null, 'gpt-4o', 16_384)
    expect(sent(plan).max_tokens).toBe(16_384)
    expect(plan.clamp).toEqual({ field: 'max_tokens', from: 128_000, to: 16_384 })
    expect(plan.outputTokens).toBe(16_384)
  })

  it('lowers max_completion_tokens for OpenAI reasoning models', () => {
    const plan = planUpstream(claudeCode, openai, null, 'o3-mini', 100_000)
    expect(sent(plan)).toMatchObject({ max_completion_tokens: 100_000 })
    expect(sent(plan).max_tokens).toBeUndefined()
  })

  it('lowers max_tokens for an Anthropic target, passed through or translated', () => {
    expect(
      sent(planUpstream(claudeCode, anthropic, 'k', 'claude-3-5-haiku', 8_192)).max_tokens,
    ).toBe(8_192)
    const chat = parseInbound('chat', { model: 'x', max_completion_tokens: 50_000, messages })
    expect(sent(planUpstream(chat, anthropic, 'k', 'claude-3-5-haiku', 8_192)).max_tokens).toBe(
      8_192,
    )
  })

  it('lowers options.num_predict for Ollama', () => {
    const plan = planUpstream(claudeCode, ollama, null, 'qwen2.5-coder:7b', 4_096)
    expect(sent(plan).options).toMatchObject({ num_predict: 4_096 })
    expect(plan.clamp).toEqual({ field: 'num_predict', from: 128_000, to: 4_096 })
  })

  it('leaves requests within the limit, without one, or with no known limit alone', () => {
    const small = parseInbound('chat', { model: 'x', max_tokens: 1_000, messages })
    expect(planUpstream(small, openai, null, 'gpt-4o', 16_384).clamp).toBeNull()
    expect(sent(planUpstream(small, openai, null, 'gpt-4o', 16_384)).max_tokens).toBe(1_000)
    const none = parseInbound('chat', { model: 'x', messages })
    expect(sent(planUpstream(none, openai, null, 'gpt-4o', 16_384)).max_tokens).toBeUndefined()
    expect(sent(planUpstream(claudeCode, openai, null, 'gpt-4o')).max_tokens).toBe(128_000)
  })
})
