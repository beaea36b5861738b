import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startFakeServer, type FakeServer } from '../helpers/http-server.ts'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

let w: MuxWorld
let openRouter: FakeServer
beforeAll(async () => {
  w = await startMuxWorld()
  // OpenRouter's model list, as documented: context_length and top_provider.max_completion_tokens.
  openRouter = await startFakeServer((_req, res) =>
    json(res, 200, {
      data: [
        {
          id: 'qwen/qwen-2.5-coder-32b-instruct',
          name: 'Qwen2.5 Coder 32B Instruct',
          context_length: 32_768,
          top_provider: { context_length: 32_768, max_completion_tokens: 16_384 },
        },
      ],
    }),
  )
})
afterAll(async () => {
  await w.close()
  await openRouter.close()
})

const ask = (model: string, text: string) =>
  w.anthropic.messages.create(
    { model, max_tokens: 128_000, messages: [{ role: 'user', content: text }] },
    { timeout: 60_000 },
  )

describe('limits the providers publish', () => {
  it('keeps Anthropic’s max_input_tokens and max_tokens, and clamps by them', async () => {
    const provider = await w.t.core.api.getProvider({ id: 'claude' })
    expect(provider.models).toEqual([
      {
        id: 'claude-sonnet-4-5',
        name: 'Claude Sonnet 4.5',
        contextLength: 200_000,
        maxOutputTokens: 64_000,
      },
    ])
    await ask('claude/claude-sonnet-4-5', 'hi')
    expect(w.anthropicUp.bodies().at(-1)!.max_tokens).toBe(64_000)
    const [entry] = await loggedRequests(w.t)
    expect(entry!.attempts[0]!.note).toBe(
      'max_tokens clamped 128000→64000 (the model limit the provider publishes)',
    )
  })

  it('keeps OpenRouter’s context_length and max_completion_tokens', async () => {
    await w.t.core.api.createProvider({
      id: 'or',
      name: 'OpenRouter',
      kind: 'openrouter',
      endpoint: openRouter.url + '/api/v1',
      apiKey: 'sk-or-1',
    })
    const provider = await w.t.core.api.getProvider({ id: 'or' })
    expect(provider.models[0]).toMatchObject({ contextLength: 32_768, maxOutputTokens: 16_384 })
  })

  it('asks Ollama for a model’s context window on first use, then skips prompts beyond it', async () => {
    w.ollamaUp.behaviour.contextWindow = 2_048
    await ask('local/qwen2.5-coder:7b', 'first')
    // The lookup runs beside the first request; give it a moment to land.
    for (let i = 0; i < 50 && !w.ollamaUp.requests.some((r) => r.path === '/api/show'); i++)
      await new Promise((r) => setTimeout(r, 10))
    const show = w.ollamaUp.requests.find((r) => r.path === '/api/show')
    expect(JSON.parse(show!.body)).toEqual({ model: 'qwen2.5-coder:7b' })
    await new Promise((r) => setTimeout(r, 50))
    const err = await ask('local/qwen2.5-coder:7b', ' lorem'.repeat(3_000)).catch((e) => e)
    expect(err.status).toBe(400)
    expect(err.message).toMatch(/local\/qwen2\.5-coder:7b \(2,048\)/)
    expect(w.ollamaUp.requests.filter((r) => r.path === '/api/show')).toHaveLength(1)
  })
})
