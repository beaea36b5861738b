import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeOllamaTags, startFakeOpenAIModels } from '../helpers/fake-providers.ts'
import type { FakeServer } from '../helpers/http-server.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

let t: TestCore
let ollama: FakeServer
let openai: FakeServer

beforeEach(async () => {
  t = await startTestCore()
  ollama = await startFakeOllamaTags()
  openai = await startFakeOpenAIModels({ apiKey: 'sk-export-never-4242' })
  await t.core.api.createProvider({ name: 'Local', kind: 'ollama', endpoint: ollama.url })
  await t.core.api.createProvider({
    name: 'Cloud',
    kind: 'openai',
    endpoint: openai.url + '/v1',
    apiKey: 'sk-export-never-4242',
  })
})
afterEach(async () => {
  await t.close()
  await ollama.close()
  await openai.close()
})

const call = (path: string, method: string, body?: unknown) =>
  t.api(path, { method, body: body === undefined ? undefined : JSON.stringify(body) })

describe('workspaces', () => {
  it('starts with an active "default" workspace', async () => {
    const list = await (await t.api('/workspaces')).json()
    expect(list).toEqual([expect.objectContaining({ name: 'default', active: true, ruleCount: 0 })])
    expect((await (await t.api('/workspaces/active')).json()).name).toBe('default')
  })

  it('creates, renames, activates and deletes; exactly one is active', async () => {
    expect((await call('/workspaces', 'POST', { name: 'Frontend work' })).status).toBe(201)
    const renamed = await call('/workspaces/Frontend%20work', 'PATCH', { newName: 'frontend' })
    expect((await renamed.json()).name).toBe('frontend')
    const activated = await call('/workspaces/active', 'POST', { name: 'frontend' })
    expect((await activated.json()).active).toBe(true)
    const list = await (await t.api('/workspaces')).json()
    expect(
      list.filter((w: { active: boolean }) => w.active).map((w: { name: string }) => w.name),
    ).toEqual(['frontend'])

    const refused = await call('/workspaces/frontend', 'DELETE')
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.message).toBe(
      '"frontend" is the active workspace. Activate another workspace first, then delete this one.',
    )
    expect((await call('/workspaces/default', 'DELETE')).status).toBe(200)
    expect(
      (await (await t.api('/workspaces')).json()).map((w: { name: string }) => w.name),
    ).toEqual(['frontend'])
  })

  it('refuses duplicate and reserved names with a clear message', async () => {
    const dup = await call('/workspaces', 'POST', { name: 'DEFAULT' })
    expect(dup.status).toBe(409)
    expect((await dup.json()).error.message).toMatch(/exists already/)
    const reserved = await call('/workspaces', 'POST', { name: 'active' })
    expect(reserved.status).toBe(400)
    expect((await reserved.json()).error.param).toBe('name')
  })

  it('stores ordered rules and the catch-all, refusing unknown providers', async () => {
    const bad = await call('/workspaces/default/rules', 'PUT', {
      rules: [{ kind: 'filename', pattern: '.py', target: { provider: 'ghost', model: 'x' } }],
    })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/Unknown provider "ghost" in rules\[0\]/)

    await call('/workspaces/default/rules', 'PUT', {
      rules: [
        { kind: 'filename', pattern: '*.tsx', target: { provider: 'cloud', model: 'gpt-4o' } },
        {
          kind: 'request-type',
          requestType: 'fim',
          target: { provider: 'local', model: 'qwen2.5-coder:7b' },
        },
      ],
    })
    const res = await call('/workspaces/default/catch-all', 'PUT', {
      catchAll: {
        target: { provider: 'local', model: 'llama3.2:latest' },
        fallbacks: [{ provider: 'cloud', model: 'gpt-4o-mini' }],
      },
    })
    const ws = await res.json()
    expect(ws.rules.map((r: { kind: string }) => r.kind)).toEqual(['filename', 'request-type'])
    expect(ws.rules[0]).toMatchObject({
      pattern: '*.tsx',
      caseSensitive: false,
      requestType: 'any',
      fallbacks: [],
    })
    expect(ws.catchAll).toEqual({
      target: { provider: 'local', model: 'llama3.2:latest' },
      fallbacks: [{ provider: 'cloud', model: 'gpt-4o-mini' }],
    })
    // Reordering keeps rule ids
    const reordered = await (
      await call('/workspaces/default/rules', 'PUT', { rules: [ws.rules[1], ws.rules[0]] })
    ).json()
    expect(reordered.rules.map((r: { id: string }) => r.id)).toEqual([
      ws.rules[1].id,
      ws.rules[0].id,
    ])
  })

  it('exports to JSON without secrets and imports it back', async () => {
    await t.core.api.setRules({
      name: 'default',
      rules: [
        {
          kind: 'filename',
          pattern: '.rs',
          caseSensitive: true,
          target: { provider: 'cloud', model: 'gpt-4o' },
        },
      ],
    })
    await t.core.api.setCatchAll({
      name: 'default',
      catchAll: { target: { provider: 'local', model: 'llama3.2:latest' } },
    })
    const exported = await (await t.api('/workspaces/default/export')).json()
    expect(JSON.stringify(exported)).not.toContain('sk-export-never-4242')
    expect(exported).toEqual({
      switchboard: 'workspace',
      version: 1,
      name: 'default',
      rules: [
        {
          kind: 'filename',
          pattern: '.rs',
          caseSensitive: true,
          requestType: 'any',
          target: { provider: 'cloud', model: 'gpt-4o' },
          fallbacks: [],
        },
      ],
      catchAll: { target: { provider: 'local', model: 'llama3.2:latest' }, fallbacks: [] },
      holdDecisionForTurn: true,
    })

    const clash = await call('/workspaces/import', 'POST', { document: exported })
    expect(clash.status).toBe(409)
    const imported = await call('/workspaces/import', 'POST', { document: exported, name: 'copy' })
    expect(imported.status).toBe(201)
    const copy = await imported.json()
    expect(copy).toMatchObject({ name: 'copy', active: false, catchAll: exported.catchAll })
    expect(copy.rules[0]).toMatchObject(exported.rules[0])
  })

  it('holds decisions for a turn by default; the option is set over REST, exported and imported', async () => {
    expect((await t.core.api.getWorkspace({ name: 'default' })).holdDecisionForTurn).toBe(true)
    const off = await call('/workspaces/default/options', 'PUT', { holdDecisionForTurn: false })
    expect(off.status).toBe(200)
    expect((await off.json()).holdDecisionForTurn).toBe(false)
    const bad = await call('/workspaces/default/options', 'PUT', { holdDecisionForTurn: 'no' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/holdDecisionForTurn/)
    expect(
      (await call('/workspaces/nope/options', 'PUT', { holdDecisionForTurn: true })).status,
    ).toBe(404)

    const exported = await t.core.api.exportWorkspace({ name: 'default' })
    expect(exported.holdDecisionForTurn).toBe(false)
    const copy = await t.core.api.importWorkspace({
      document: exported,
      name: 'copy',
      replace: false,
    })
    expect(copy.holdDecisionForTurn).toBe(false)
    // A document exported before the option existed imports with it on.
    const { holdDecisionForTurn: _dropped, ...older } = exported
    const res = await call('/workspaces/import', 'POST', { document: older, name: 'older' })
    expect((await res.json()).holdDecisionForTurn).toBe(true)
  })

  it('refuses an import that routes to providers it does not have', async () => {
    const res = await call('/workspaces/import', 'POST', {
      document: {
        switchboard: 'workspace',
        version: 1,
        name: 'theirs',
        rules: [{ kind: 'filename', pattern: '.go', target: { provider: 'groq', model: 'llama' } }],
        catchAll: null,
      },
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(/providers that do not exist here: groq/)
    expect(
      (await (await t.api('/workspaces')).json()).map((w: { name: string }) => w.name),
    ).toEqual(['default'])
  })

  it('imports a document naming a missing provider by mapping it to one of ours, or dropping what uses it', async () => {
    const document = {
      switchboard: 'workspace',
      version: 1,
      name: 'theirs',
      rules: [
        {
          kind: 'filename',
          pattern: '.go',
          target: { provider: 'groq', model: 'gpt-4o' },
          fallbacks: [{ provider: 'together', model: 'mixtral' }],
        },
        { kind: 'filename', pattern: '.py', target: { provider: 'together', model: 'qwen' } },
      ],
      catchAll: {
        target: { provider: 'together', model: 'mixtral' },
        fallbacks: [{ provider: 'groq', model: 'llama3.2:latest' }],
      },
    }
    const missing = await call('/workspaces/import', 'POST', { document, providerMap: {} })
    expect(missing.status).toBe(400)
    const body = await missing.json()
    expect(body.error.message).toMatch(/providers that do not exist here: groq, together/)
    expect(body.error.details).toMatchObject({ missingProviders: ['groq', 'together'] })

    const res = await call('/workspaces/import', 'POST', {
      document,
      providerMap: { groq: 'cloud', together: null },
    })
    expect(res.status).toBe(201)
    const ws = await res.json()
    expect(ws.rules).toHaveLength(1)
    expect(ws.rules[0]).toMatchObject({
      pattern: '.go',
      target: { provider: 'cloud', model: 'gpt-4o' },
      fallbacks: [],
    })
    // The dropped catch-all target gives way to its first kept fallback.
    expect(ws.catchAll).toEqual({
      target: { provider: 'cloud', model: 'llama3.2:latest' },
      fallbacks: [],
    })
  })

  it('refuses a map to a provider that does not exist, naming the entry', async () => {
    const res = await call('/workspaces/import', 'POST', {
      document: {
        switchboard: 'workspace',
        version: 1,
        name: 'theirs',
        rules: [{ kind: 'filename', pattern: '.go', target: { provider: 'groq', model: 'x' } }],
        catchAll: null,
      },
      providerMap: { groq: 'nope' },
    })
    expect(res.status).toBe(400)
    const { error } = await res.json()
    expect(error.param).toBe('providerMap.groq')
    expect(error.message).toMatch(/maps "groq" to the provider "nope", which does not exist here/)
  })

  it('maps a missing persona, or drops its rules', async () => {
    const { persona } = await t.core.api.createPersona({
      name: 'Reviewer',
      description: 'Reviews code changes for bugs.',
    })
    const document = {
      switchboard: 'workspace' as const,
      version: 1 as const,
      name: 'personas',
      rules: [
        {
          kind: 'persona' as const,
          persona: 'critic',
          requestType: 'any' as const,
          target: { provider: 'cloud', model: 'gpt-4o' },
          fallbacks: [],
        },
      ],
      catchAll: null,
      holdDecisionForTurn: true,
    }
    const mapped = await t.core.api.importWorkspace({
      document,
      replace: false,
      providerMap: {},
      personaMap: { critic: persona.id },
      groupMap: {},
    })
    expect(mapped.rules[0]).toMatchObject({ kind: 'persona', persona: persona.id })
    const dropped = await t.core.api.importWorkspace({
      document,
      name: 'no personas',
      replace: false,
      providerMap: {},
      personaMap: { critic: null },
      groupMap: {},
    })
    expect(dropped.rules).toEqual([])
  })

  it('says a name clash as a user would, and replaces when asked', async () => {
    const exported = await t.core.api.exportWorkspace({ name: 'default' })
    const clash = await call('/workspaces/import', 'POST', { document: exported })
    expect(clash.status).toBe(409)
    expect((await clash.json()).error.message).toBe(
      'A workspace named "default" exists. Import under another name, or replace it.',
    )
    const replaced = await call('/workspaces/import', 'POST', { document: exported, replace: true })
    expect(replaced.status).toBe(201)
  })
})
