import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

interface ProxyCase {
  name: string
  route: string
  body: unknown
  param: string
}
interface ApiCase {
  name: string
  method: string
  path: string
  body: unknown
  param: string
}
const corpus = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/bad-inputs.json'), 'utf8'),
) as { proxy: ProxyCase[]; api: ApiCase[] }

// Every provider kind's wire format as the target: native OpenAI, OpenAI-compatible, Anthropic, Ollama.
const targets = [
  { provider: 'oai', model: 'gpt-4o' },
  { provider: 'compat', model: 'qwen2.5-coder' },
  { provider: 'claude', model: 'claude-sonnet-4-5' },
  { provider: 'local', model: 'qwen2.5-coder:7b' },
]

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.createProvider({
    id: 'compat',
    name: 'vLLM',
    kind: 'vllm',
    endpoint: w.openaiUp.url + '/v1',
  })
})
afterAll(() => w.close())

/** The error's text and field, whichever dialect it is in. */
function errorOf(body: unknown): { message: string; param: string | null } {
  const error = (body as { error?: { message?: unknown; param?: unknown } }).error
  return {
    message: typeof error?.message === 'string' ? error.message : '',
    param: typeof error?.param === 'string' ? error.param : null,
  }
}

async function expectClearError(response: Response, param: string, anthropic: boolean) {
  const text = await response.text()
  expect(response.status, text).toBeGreaterThanOrEqual(400)
  expect(response.status, text).toBeLessThan(500)
  expect(response.headers.get('content-type')).toMatch(/application\/json/)
  const body = JSON.parse(text)
  if (anthropic) expect(body.type, text).toBe('error')
  const { message, param: named } = errorOf(body)
  expect(message.length, text).toBeGreaterThan(10)
  expect(named === param || message.includes(param), `names ${param}: ${text}`).toBe(true)
}

describe('bad proxy input: a 4xx naming the field, for every target', () => {
  for (const target of targets) {
    describe(`${target.provider} as the target`, () => {
      beforeAll(() => w.t.core.api.setCatchAll({ name: 'default', catchAll: { target } }))
      for (const c of corpus.proxy) {
        it(`${c.route}: ${c.name}`, async () => {
          const response = await fetch(w.t.url + c.route, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(c.body),
          })
          await expectClearError(response, c.param, c.route.endsWith('/messages'))
        })
      }
    })
  }

  it('answers JSON nested 100,000 deep with a 400, and keeps serving', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    for (const route of ['/v1/mux/chat/completions', '/v1/mux/v1/messages']) {
      const response = await fetch(w.t.url + route, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"messages":${deep}}`,
      })
      expect(response.status).toBe(400)
      expect(errorOf(await response.json()).message).toMatch(/nest/i)
    }
    const ok = await w.openai.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'still up?' }],
    })
    expect(ok.choices[0]!.message.content).toMatch(/still up\?/)
  })
})

describe('bad management input: a 4xx naming the field', () => {
  for (const c of corpus.api) {
    it(`${c.method} ${c.path}: ${c.name}`, async () => {
      const response = await w.t.api(c.path, {
        method: c.method,
        ...(c.body === null ? {} : { body: JSON.stringify(c.body) }),
      })
      await expectClearError(response, c.param, false)
    })
  }
})
