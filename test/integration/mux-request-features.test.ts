import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Decision, RequestLogEntry } from '../../src/shared/activity.ts'
import { trySamples } from '../../src/renderer/src/lib/try-samples.ts'
import { startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

// Request-feature rules (requested model, context size, thinking, images, tools) through /v1/mux
// with the official SDKs: each routes to its own target, says so in the decision headers and in
// the request log, and route-preview gives the same answer without calling a provider.

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

const rules = [
  { kind: 'model', pattern: '*haiku*', target: { provider: 'local', model: 'qwen2.5-coder:7b' } },
  { kind: 'thinking', target: { provider: 'claude', model: 'claude-opus-4-1' } },
  { kind: 'images', target: { provider: 'oai', model: 'gpt-4o' } },
  { kind: 'tools', tool: 'web_search', target: { provider: 'claude', model: 'claude-sonnet-4-5' } },
  { kind: 'context', minTokens: 20000, target: { provider: 'oai', model: 'gpt-4.1' } },
]

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
})
afterAll(() => w.close())
beforeEach(async () => {
  const res = await w.t.api('/workspaces/default/rules', {
    method: 'PUT',
    body: JSON.stringify({ rules }),
  })
  expect(res.status).toBe(200)
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
})

/** The newest request log entry, read over HTTP as any client of the management API would. */
async function lastLogged(): Promise<RequestLogEntry> {
  const res = await w.t.api('/requests')
  const { requests } = (await res.json()) as { requests: RequestLogEntry[] }
  return requests[0]!
}

describe('request-feature rules through /v1/mux', () => {
  it('sends Claude Code haiku background requests to the local model by the model rule', async () => {
    const { data, response } = await w.anthropic.messages
      .create({
        model: 'claude-3-5-haiku-20241022',
        max_tokens: 512,
        system: [{ type: 'text', text: 'Analyze if this message indicates a new topic.' }],
        messages: [{ role: 'user', content: 'fix the failing cart test' }],
      })
      .withResponse()
    expect(data.content[0]).toMatchObject({ type: 'text', text: 'echo: fix the failing cart test' })
    expect(response.headers.get('x-switchboard-rule')).toBe('model "*haiku*"')
    expect(response.headers.get('x-switchboard-provider')).toBe('local')
    expect(w.ollamaUp.bodies().at(-1)!.model).toBe('qwen2.5-coder:7b')
    expect(await lastLogged()).toMatchObject({
      requestedModel: 'claude-3-5-haiku-20241022',
      rule: 'model "*haiku*"',
      why: 'rule 1, model "*haiku*", matched claude-3-5-haiku-20241022',
      provider: 'local',
    })
  })

  it('sends an Anthropic thinking request to the thinking target, thinking intact', async () => {
    const { response } = await w.anthropic.messages
      .create({
        model: 'claude-sonnet-4-6',
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'Why is this deadlocking?' }],
      })
      .withResponse()
    expect(response.headers.get('x-switchboard-rule')).toBe('thinking')
    const sent = w.anthropicUp.bodies().at(-1)!
    expect(sent).toMatchObject({
      model: 'claude-opus-4-1',
      thinking: { type: 'enabled', budget_tokens: 2048 },
    })
    expect((await lastLogged()).why).toBe(
      'rule 2, thinking, matched thinking enabled (budget_tokens 2048)',
    )
  })

  it('sends an OpenAI reasoning_effort request by the thinking rule too', async () => {
    const { response } = await w.openai.chat.completions
      .create({
        model: 'o4-mini',
        reasoning_effort: 'high',
        messages: [{ role: 'user', content: 'Prove the loop terminates.' }],
      })
      .withResponse()
    expect(response.headers.get('x-switchboard-rule')).toBe('thinking')
    expect(response.headers.get('x-switchboard-model')).toBe('claude-opus-4-1')
  })

  it('sends a Responses API request with reasoning.effort by the thinking rule', async () => {
    const { response } = await w.openai.responses
      .create({
        model: 'gpt-5-codex',
        reasoning: { effort: 'medium' },
        input: 'Prove the loop terminates.',
      })
      .withResponse()
    expect(response.headers.get('x-switchboard-rule')).toBe('thinking')
    expect((await lastLogged()).why).toBe('rule 2, thinking, matched reasoning.effort medium')
  })

  it('sends images, in either dialect, to the vision model', async () => {
    const openai = await w.openai.chat.completions
      .create({
        model: 'switchboard',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is wrong with this layout?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            ],
          },
        ],
      })
      .withResponse()
    expect(openai.response.headers.get('x-switchboard-rule')).toBe('images')
    expect(openai.response.headers.get('x-switchboard-model')).toBe('gpt-4o')

    const anthropic = await w.anthropic.messages
      .create({
        model: 'claude-sonnet-4-6',
        max_tokens: 256,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
              { type: 'text', text: 'What is wrong with this layout?' },
            ],
          },
        ],
      })
      .withResponse()
    expect(anthropic.response.headers.get('x-switchboard-rule')).toBe('images')
    expect(anthropic.response.headers.get('x-switchboard-provider')).toBe('oai')
    const sent = w.openaiUp.bodies().at(-1)! as { messages: { content: { type: string }[] }[] }
    expect(sent.messages[0]!.content.map((p) => p.type)).toContain('image_url')
    expect((await lastLogged()).why).toBe('rule 3, images, matched an image in messages[0]')
  })

  it('sends a request offering Anthropic web search by the tools rule', async () => {
    const { response } = await w.anthropic.messages
      .create({
        model: 'claude-sonnet-4-6',
        max_tokens: 1024,
        tools: [
          {
            name: 'Read',
            input_schema: { type: 'object', properties: { file_path: { type: 'string' } } },
          },
          { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        ],
        messages: [{ role: 'user', content: 'What changed in React 19?' }],
      })
      .withResponse()
    expect(response.headers.get('x-switchboard-rule')).toBe('tool "web_search"')
    expect(response.headers.get('x-switchboard-model')).toBe('claude-sonnet-4-5')
    expect(w.anthropicUp.bodies().at(-1)!.tools).toContainEqual(
      expect.objectContaining({ type: 'web_search_20250305' }),
    )
  })

  it('sends a long agent context by the context rule, and a short one to the catch-all', async () => {
    const history = Array.from({ length: 60 }, (_, i) => [
      {
        role: 'user' as const,
        content: `Step ${i}: ` + 'read the module and explain it. '.repeat(80),
      },
      { role: 'assistant' as const, content: 'The module exports a pool of workers. '.repeat(60) },
    ]).flat()
    const long = await w.openai.chat.completions
      .create({ model: 'switchboard', messages: [...history, { role: 'user', content: 'Go on' }] })
      .withResponse()
    expect(long.response.headers.get('x-switchboard-rule')).toBe('context >= 20000 tokens')
    expect(long.response.headers.get('x-switchboard-model')).toBe('gpt-4.1')
    expect((await lastLogged()).why).toMatch(/matched ~\d+ estimated prompt tokens$/)

    const short = await w.openai.chat.completions
      .create({ model: 'switchboard', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse()
    expect(short.response.headers.get('x-switchboard-rule')).toBe('catch-all')
  })
})

describe('request-feature rules in the management API', () => {
  it('route-preview shows which rule a request would match, and why', async () => {
    const res = await w.t.api('/route-preview', {
      method: 'POST',
      body: JSON.stringify({
        route: 'messages',
        body: {
          model: 'claude-haiku-4-5-20251001',
          max_tokens: 256,
          messages: [{ role: 'user', content: 'title this chat' }],
        },
      }),
    })
    expect(res.status).toBe(200)
    const d = (await res.json()) as Decision
    expect(d.rule).toMatchObject({ index: 0, kind: 'model', label: 'model "*haiku*"' })
    expect(d.target).toEqual({ provider: 'local', model: 'qwen2.5-coder:7b' })
    expect(d.why).toBe('rule 1, model "*haiku*", matched claude-haiku-4-5-20251001')
  })

  it('the Try it samples for these clients reach their rules in route-preview', async () => {
    const expected = {
      'claude-code-haiku': 'model "*haiku*"',
      'claude-code-thinking': 'thinking',
      'openai-image': 'images',
    }
    for (const [id, label] of Object.entries(expected)) {
      const sample = trySamples.find((s) => s.id === id)!
      const res = await w.t.api('/route-preview', {
        method: 'POST',
        body: JSON.stringify({ route: sample.route, body: sample.build('Title this', '') }),
      })
      expect(((await res.json()) as Decision).rule?.label).toBe(label)
    }
  })

  it('answers 400 naming the field when minTokens is not a positive whole number', async () => {
    for (const minTokens of [0, 2.5, 'lots']) {
      const res = await w.t.api('/workspaces/default/rules', {
        method: 'PUT',
        body: JSON.stringify({
          rules: [
            rules[0],
            { kind: 'context', minTokens, target: { provider: 'oai', model: 'gpt-4.1' } },
          ],
        }),
      })
      expect(res.status).toBe(400)
      const { error } = (await res.json()) as { error: { message: string; param: string } }
      expect(error.param).toBe('rules[1].minTokens')
      expect(error.message).toContain('rules[1].minTokens')
      expect(error.message).toContain('e.g. 60000')
    }
  })

  it('keeps the new kinds through export and import', async () => {
    const exported = await w.t.core.api.exportWorkspace({ name: 'default' })
    const copy = await w.t.core.api.importWorkspace({ document: exported, name: 'features copy' })
    const strip = (list: { id?: string }[]) => list.map(({ id: _id, ...rest }) => rest)
    const original = await w.t.core.api.getWorkspace({ name: 'default' })
    expect(strip(copy.rules)).toEqual(strip(original.rules))
    expect(copy.rules.map((r) => r.kind)).toEqual([
      'model',
      'thinking',
      'images',
      'tools',
      'context',
    ])
  })
})
