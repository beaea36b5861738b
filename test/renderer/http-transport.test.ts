import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventMap, EventName } from '../../src/shared/events.ts'
import {
  buildRequest,
  createHttpTransport,
} from '../../src/renderer/src/transport/http-transport.ts'
import { ApiError, type Transport } from '../../src/renderer/src/transport/types.ts'
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-upstreams.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// The browser host's transport against a real core: REST calls built from the contract, errors
// with the core's words and field, and events read from the SSE stream with fetch.

describe('buildRequest', () => {
  it('fills path parameters and puts the rest in the query (GET/DELETE) or the body', () => {
    expect(buildRequest('getWorkspace', { name: 'my space' })).toEqual({
      method: 'GET',
      path: '/workspaces/my%20space',
    })
    expect(buildRequest('listRequests', { limit: 5, workspace: undefined, status: 'ok' })).toEqual({
      method: 'GET',
      path: '/requests?limit=5&status=ok',
    })
    expect(buildRequest('deleteProvider', { id: 'oai', force: true })).toEqual({
      method: 'DELETE',
      path: '/providers/oai?force=true',
    })
    expect(buildRequest('setRules', { name: 'default', rules: [] })).toEqual({
      method: 'PUT',
      path: '/workspaces/default/rules',
      body: '{"rules":[]}',
    })
  })
})

describe('HTTP transport against a real core', () => {
  let t: TestCore
  let up: FakeUpstream
  let transport: Transport
  let unauthorized = 0
  const events: { event: EventName; payload: unknown }[] = []

  beforeAll(async () => {
    t = await startTestCore()
    up = await startFakeOpenAI()
    transport = createHttpTransport({ origin: t.url, token: t.core.adminToken })
    transport.onEvent(<E extends EventName>(event: E, payload: EventMap[E]) => {
      events.push({ event, payload })
    })
    await new Promise<void>((resolve) => {
      const off = transport.onLink((s) => s === 'open' && (off(), resolve()))
    })
  })
  afterAll(async () => {
    transport.close()
    await t.close()
    await up.close()
  })

  it('calls operations and returns their typed output', async () => {
    const p = await transport.api.createProvider({
      id: 'oai',
      name: 'OpenAI',
      kind: 'openai',
      endpoint: `${up.url}/v1`,
      apiKey: 'sk-abcd1234',
    })
    expect(p).toMatchObject({ id: 'oai', status: 'ok', apiKeyHint: '••••1234' })
    const ws = await transport.api.createWorkspace({ name: 'two words' })
    expect((await transport.api.getWorkspace({ name: ws.name })).name).toBe('two words')
    const page = await transport.api.listRequests({ limit: 3 })
    expect(page.requests).toEqual([])
  })

  it('throws ApiError with the core message, code and field', async () => {
    const err = await transport.api.createWorkspace({ name: '' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'invalid_request', param: 'name' })
    expect((err as Error).message).toMatch(/^Invalid value for "name"/)
    const missing = await transport.api.getProvider({ id: 'nope' }).catch((e: unknown) => e)
    expect(missing).toMatchObject({ code: 'not_found' })
  })

  it('reports a refused token so the UI can ask again', async () => {
    const bad = createHttpTransport({
      origin: t.url,
      token: 'wrong',
      onUnauthorized: () => unauthorized++,
      retryMs: 10_000,
    })
    const err = await bad.api.getStatus({}).catch((e: unknown) => e)
    bad.close()
    expect(err).toMatchObject({ code: 'unauthorized' })
    expect(unauthorized).toBeGreaterThan(0)
  })

  it('says in words when the core cannot be reached', async () => {
    const gone = createHttpTransport({ origin: 'http://127.0.0.1:9', token: 'x', retryMs: 10_000 })
    const err = await gone.api.getStatus({}).catch((e: unknown) => e)
    gone.close()
    expect(err).toMatchObject({ code: 'network' })
    expect((err as Error).message).toContain('Cannot reach Switchboard')
  })

  it('delivers core events pushed over SSE', async () => {
    await t.core.api.activateWorkspace({ name: 'two words' })
    await expect
      .poll(() => events.find((e) => e.event === 'workspaceActivated')?.payload)
      .toEqual({ name: 'two words' })
  })
})
