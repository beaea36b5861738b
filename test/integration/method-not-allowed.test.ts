import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// A known route called with the wrong method answers 405 and says in Allow what it takes.

let t: TestCore
beforeAll(async () => {
  t = await startTestCore()
})
afterAll(() => t.close())

describe('the management API', () => {
  it.each([
    ['DELETE', '/settings', 'GET, PATCH'],
    ['PUT', '/providers', 'GET, POST'],
    ['POST', '/workspaces/default/export', 'GET'],
    ['POST', '/openapi.json', 'GET'],
    ['POST', '/events', 'GET'],
  ])('%s /api/v1%s answers 405 with Allow: %s', async (method, path, allow) => {
    const res = await t.api(path, { method, body: method === 'DELETE' ? undefined : '{}' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(allow.split(', ').sort())
    expect((await res.json()).error).toMatchObject({
      code: 'method_not_allowed',
      message: expect.stringMatching(new RegExp(`does not take ${method}`)),
    })
  })

  it('still answers 404 for a path that is not a route', async () => {
    expect((await t.api('/nothing-here', { method: 'DELETE' })).status).toBe(404)
  })
})

describe('the proxy', () => {
  it('answers GET on the chat route with 405 and Allow: POST, in the OpenAI format', async () => {
    const res = await fetch(t.url + '/v1/mux/chat/completions')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect((await res.json()).error).toMatchObject({ type: 'invalid_request_error' })
  })

  it('answers POST on the model list with 405 and Allow: GET', async () => {
    const res = await fetch(t.url + '/v1/mux/models', { method: 'POST', body: '{}' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET')
  })

  it('answers GET on the messages route in the Anthropic format', async () => {
    const res = await fetch(t.url + '/v1/mux/v1/messages')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect(await res.json()).toMatchObject({ type: 'error', error: { message: /takes POST/ } })
  })

  it('still answers 404 for an unknown proxy path', async () => {
    expect((await fetch(t.url + '/v1/mux/embeddings', { method: 'POST' })).status).toBe(404)
  })
})
