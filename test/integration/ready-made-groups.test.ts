import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ModelGroup } from '../../src/shared/groups.ts'
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-upstreams.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// A fresh install: the ready-made groups wait for a provider that serves their models, out of
// clients' model lists, and come alive the moment one is added.

let t: TestCore
let up: FakeUpstream
beforeAll(async () => {
  ;[t, up] = await Promise.all([startTestCore(), startFakeOpenAI()])
})
afterAll(async () => {
  await t?.close()
  await up?.close()
})

const offered = async () => {
  const client = new OpenAI({ baseURL: t.url + '/v1/mux', apiKey: 'any', maxRetries: 0 })
  const ids: string[] = []
  for await (const m of client.models.list()) ids.push(m.id)
  return ids
}

describe('ready-made model groups', () => {
  it('wait for a provider on a fresh install and are not offered to clients', async () => {
    const groups = await t.core.api.listGroups({})
    const ready = groups.filter((g) => g.id.endsWith('-auto'))
    expect(ready.map((g) => [g.id, g.waitingForProvider]).sort()).toEqual([
      ['deepseek-auto', true],
      ['gemini-auto', true],
      ['openai-auto', true],
    ])
    expect(await offered()).not.toContain('openai-auto')
  })

  it('become available, live, when a provider serving their models appears', async () => {
    const pushed: ModelGroup[][] = []
    const off = t.core.events.onAny((event, payload) => {
      if (event === 'groupsChanged') pushed.push((payload as { groups: ModelGroup[] }).groups)
    })
    await t.core.api.createProvider({
      id: 'oai',
      name: 'OpenAI',
      kind: 'openai',
      endpoint: up.url + '/v1',
      apiKey: 'sk-test-0000',
    })
    off()
    // The fake serves gpt-4o: openai-auto wakes up, the others keep waiting.
    const last = pushed.at(-1)!
    const byId = Object.fromEntries(last.map((g) => [g.id, g]))
    expect(byId['openai-auto']).toMatchObject({
      waitingForProvider: false,
      unavailable: ['gpt-4o-mini'],
    })
    expect(byId['deepseek-auto']!.waitingForProvider).toBe(true)
    const models = await offered()
    expect(models).toContain('openai-auto')
    expect(models).not.toContain('deepseek-auto')
  })
})

describe('route preview of unsaved rules', () => {
  const body = { model: 'switchboard', messages: [{ role: 'user', content: 'hello' }] }

  it('routes by the draft catch-all before it is saved, and leaves the saved rules alone', async () => {
    await expect(t.core.api.previewRoute({ body })).rejects.toThrow(/has no catch-all model/)
    const decision = await t.core.api.previewRoute({
      body,
      workspace: 'default',
      draft: {
        rules: [],
        catchAll: { target: { provider: 'oai', model: 'gpt-4o' }, fallbacks: [] },
      },
    })
    expect(decision).toMatchObject({
      workspace: 'default',
      rule: { kind: 'catch-all' },
      target: { provider: 'oai', model: 'gpt-4o' },
    })
    expect((await t.core.api.getWorkspace({ name: 'default' })).catchAll).toBeNull()
  })

  it('evaluates draft rules top-down and names the offending field of a bad one', async () => {
    const target = { provider: 'oai', model: 'gpt-4o' }
    const decision = await t.core.api.previewRoute({
      body: { model: 'switchboard', messages: [{ role: 'user', content: 'fix src/App.tsx' }] },
      draft: {
        rules: [
          { kind: 'filename', pattern: '.tsx', target: { provider: 'oai', model: 'tsx-model' } },
        ],
        catchAll: { target, fallbacks: [] },
      },
    })
    expect(decision.rule).toMatchObject({ index: 0, kind: 'filename' })
    expect(decision.target.model).toBe('tsx-model')

    const res = await t.api('/route-preview', {
      method: 'POST',
      body: JSON.stringify({
        body,
        draft: { rules: [{ kind: 'filename', pattern: '', target }], catchAll: null },
      }),
    })
    expect(res.status).toBe(400)
    const err = (await res.json()) as { error: { param: string } }
    expect(err.error.param).toBe('draft.rules[0].pattern')
  })
})
