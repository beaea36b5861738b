import { describe, expect, it } from 'vitest'
import { forOpenAIModel } from '../../src/main/core/mux/upstream-plan.ts'

describe('requests for OpenAI reasoning models', () => {
  const body = {
    model: 'o3-mini',
    messages: [{ role: 'user' as const, content: 'hi' }],
    max_tokens: 256,
  }

  it('send max_completion_tokens, which those models require, instead of max_tokens', () => {
    const sent = forOpenAIModel('openai', body)
    expect(sent.max_tokens).toBeUndefined()
    expect(sent.max_completion_tokens).toBe(256)
    expect(forOpenAIModel('openai', { ...body, model: 'gpt-5' }).max_completion_tokens).toBe(256)
  })

  it('leave other models and other OpenAI-compatible servers alone', () => {
    expect(forOpenAIModel('openai', { ...body, model: 'gpt-4o' })).toMatchObject({
      max_tokens: 256,
    })
    expect(forOpenAIModel('vllm', body)).toMatchObject({ max_tokens: 256 })
    expect(forOpenAIModel('openrouter', body)).toMatchObject({ max_tokens: 256 })
  })
})
