import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakeOpenAIModels } from '../helpers/fake-providers.ts'
import { json, startFakeServer, type FakeServer } from '../helpers/http-server.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// A stored API key goes only to the server it was entered for. Two fake upstreams on different
// ports: the second never sees the key unless the caller types it again or confirms.

const KEY = 'sk-stored-for-first-1111'
let t: TestCore
let first: FakeServer
let second: FakeServer
beforeAll(async () => {
  t = await startTestCore()
  ;[first, second] = await Promise.all([
    startFakeOpenAIModels({ apiKey: KEY }),
    startFakeOpenAIModels(),
  ])
})
afterAll(async () => {
  await t.close()
  await Promise.all([first.close(), second.close()])
})
beforeEach(async () => {
  await t.core.api.createProvider({
    id: 'p',
    name: 'P',
    kind: 'openai',
    endpoint: first.url + '/v1',
    apiKey: KEY,
  })
  first.requests.length = 0
  second.requests.length = 0
})
afterEach(() => t.core.api.deleteProvider({ id: 'p', force: true }))

const keysSeenBy = (server: FakeServer) => server.requests.map((r) => r.headers.authorization)

describe('changing the endpoint of a provider with a stored key', () => {
  it('is refused without the key or a confirmation, naming apiKey, and nothing is sent', async () => {
    const res = await t.api('/providers/p', {
      method: 'PATCH',
      body: JSON.stringify({ endpoint: second.url + '/v1' }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatchObject({
      param: 'apiKey',
      message: expect.stringMatching(
        /Type the key again in apiKey, or send keepApiKeyForNewEndpoint/,
      ),
    })
    expect(second.requests).toHaveLength(0)
    expect((await t.core.api.getProvider({ id: 'p' })).endpoint).toBe(first.url + '/v1')
  })

  it('sends the stored key to the new server once confirmed', async () => {
    const res = await t.api('/providers/p', {
      method: 'PATCH',
      body: JSON.stringify({ endpoint: second.url + '/v1', keepApiKeyForNewEndpoint: true }),
    })
    expect(res.status).toBe(200)
    expect(keysSeenBy(second)).toEqual([`Bearer ${KEY}`])
  })

  it('sends only the newly typed key to the new server', async () => {
    const res = await t.api('/providers/p', {
      method: 'PATCH',
      body: JSON.stringify({ endpoint: second.url + '/v1', apiKey: 'sk-new-2222' }),
    })
    expect(res.status).toBe(200)
    expect(keysSeenBy(second)).toEqual(['Bearer sk-new-2222'])
  })

  it('needs nothing more for another path on the same server', async () => {
    const res = await t.api('/providers/p', {
      method: 'PATCH',
      body: JSON.stringify({ endpoint: first.url + '/v1/' }),
    })
    expect(res.status).toBe(200)
    expect(keysSeenBy(first)).toEqual([`Bearer ${KEY}`])
  })

  it('is also refused when a new kind brings another default endpoint', async () => {
    const res = await t.api('/providers/p', {
      method: 'PATCH',
      body: JSON.stringify({ kind: 'anthropic' }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.param).toBe('apiKey')
  })
})

describe('testing a stored provider against another endpoint', () => {
  it('does not send the stored key there without a confirmation', async () => {
    const res = await t.api('/providers/test', {
      method: 'POST',
      body: JSON.stringify({ id: 'p', kind: 'openai', endpoint: second.url + '/v1' }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.param).toBe('apiKey')
    expect(second.requests).toHaveLength(0)
  })

  it('sends it when confirmed, and a typed key otherwise', async () => {
    const confirmed = await t.core.api.testProvider({
      id: 'p',
      kind: 'openai',
      endpoint: second.url + '/v1',
      keepApiKeyForNewEndpoint: true,
    })
    expect(confirmed.ok).toBe(true)
    await t.core.api.testProvider({
      id: 'p',
      kind: 'openai',
      endpoint: second.url + '/v1',
      apiKey: 'sk-typed',
    })
    expect(keysSeenBy(second)).toEqual([`Bearer ${KEY}`, 'Bearer sk-typed'])
  })

  it('uses the stored key on its own endpoint as before', async () => {
    expect((await t.core.api.testProvider({ id: 'p', kind: 'openai' })).ok).toBe(true)
    expect(keysSeenBy(first)).toEqual([`Bearer ${KEY}`])
  })
})

describe('the answer of a tested server', () => {
  let page: FakeServer
  beforeAll(async () => {
    // What an internal web service might answer: its text must not come back to the caller.
    page = await startFakeServer((req, res) => {
      if (req.path.startsWith('/json')) return json(res, 500, { error: { message: 'db down' } })
      res.writeHead(req.path.startsWith('/fail') ? 500 : 200, { 'content-type': 'text/html' })
      res.end('<html>internal admin console: secret-token-9999</html>')
    })
  })
  afterAll(() => page.close())

  it.each(['/ok', '/fail'])('does not echo a non-JSON body (%s)', async (path) => {
    const result = await t.core.api.testProvider({ kind: 'openai', endpoint: page.url + path })
    expect(result.ok).toBe(false)
    expect(result.error).not.toContain('secret-token-9999')
    expect(result.error).toMatch(/text\/html, \d+ bytes/)
  })

  it('quotes the message of a JSON error', async () => {
    const result = await t.core.api.testProvider({ kind: 'openai', endpoint: page.url + '/json' })
    expect(result.error).toMatch(/answered HTTP 500: db down/)
  })
})
