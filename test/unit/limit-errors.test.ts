import { describe, expect, it } from 'vitest'
import { parseLimitError } from '../../src/main/core/providers/limit-errors.ts'

// Message texts as the providers send them (collected from their error bodies in the wild).
describe('limits stated in upstream refusals', () => {
  it('reads OpenAI’s output limit', () => {
    expect(
      parseLimitError(
        'max_tokens is too large: 128000. This model supports at most 16384 completion tokens, whereas you provided 128000.',
      ),
    ).toEqual({ maxOutputTokens: 16384 })
    expect(
      parseLimitError(
        'max_completion_tokens is too large: 200000. This model supports at most 100000 completion tokens, whereas you provided 200000.',
      ),
    ).toEqual({ maxOutputTokens: 100000 })
  })

  it('reads Anthropic’s output limit', () => {
    expect(
      parseLimitError(
        'max_tokens: 128000 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5-20251001',
      ),
    ).toEqual({ maxOutputTokens: 64000 })
  })

  it('reads vLLM’s context window and what the request can still ask for', () => {
    expect(
      parseLimitError(
        "'max_tokens' or 'max_completion_tokens' is too large: 32000. This model's maximum context length is 100001 tokens and your request has 81126 input tokens (32000 > 100001 - 81126). (parameter=max_tokens, value=32000)",
      ),
    ).toEqual({ contextWindow: 100001, fitsOutputTokens: 100001 - 81126 })
    expect(
      parseLimitError(
        "This model's maximum context length is 128000 tokens. However, you requested 65535 output tokens and your prompt contains at least 62466 input tokens, for a total of at least 128001 tokens.",
      ),
    ).toEqual({ contextWindow: 128000, fitsOutputTokens: 128000 - 62466 })
  })

  it('reads the older OpenAI and vLLM context message', () => {
    expect(
      parseLimitError(
        "This model's maximum context length is 8192 tokens. However, you requested 8256 tokens (64 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.",
      ),
    ).toEqual({ contextWindow: 8192, fitsOutputTokens: 8192 - 64 })
  })

  it('says nothing about refusals that state no limit', () => {
    expect(parseLimitError('messages.0: the fake refuses this request')).toBeNull()
    expect(parseLimitError('max_tokens: Field required')).toBeNull()
    expect(parseLimitError('')).toBeNull()
  })
})
