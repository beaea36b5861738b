import { readFileSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

let t: TestCore
beforeAll(async () => {
  t = await startTestCore({ allowedOrigins: ['app://switchboard'] })
})
afterAll(() => t.close())

/** Raw request so Host can be set (fetch does not allow it). */
function raw(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const { port } = new URL(t.url)
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('management API', () => {
  it('needs the admin token', async () => {
    const none = await fetch(t.url + '/api/v1/providers')
    expect(none.status).toBe(401)
    expect((await none.json()).error.message).toMatch(/Authorization: Bearer/)
    const wrong = await fetch(t.url + '/api/v1/providers', {
      headers: { authorization: 'Bearer nope' },
    })
    expect(wrong.status).toBe(401)
    expect((await t.api('/providers')).status).toBe(200)
  })

  it('refuses foreign Host names (DNS rebinding) even with the token', async () => {
    const auth = { authorization: `Bearer ${t.core.adminToken}` }
    expect(
      (await raw('/api/v1/providers', { ...auth, host: 'attacker.example:8989' })).status,
    ).toBe(403)
    expect(
      (await raw('/api/v1/providers', { ...auth, host: `localhost:${new URL(t.url).port}` }))
        .status,
    ).toBe(200)
    expect((await raw('/v1/mux/models', { host: 'rebind.example' })).status).toBe(403)
  })

  it('refuses browser Origins other than the app', async () => {
    const evil = await t.api('/workspaces', { headers: { origin: 'https://evil.example' } })
    expect(evil.status).toBe(403)
    expect((await evil.json()).error.message).toMatch(
      /web pages \(https:\/\/evil\.example\) are not allowed/,
    )
    expect((await t.api('/workspaces', { headers: { origin: 'app://switchboard' } })).status).toBe(
      200,
    )
    expect((await t.api('/workspaces', { headers: { origin: t.url } })).status).toBe(200)
  })

  it('answers unknown routes with a JSON 404', async () => {
    const res = await t.api('/nothing-here')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect((await res.json()).error).toMatchObject({ code: 'not_found', type: 'not_found_error' })
    const root = await fetch(t.url + '/elsewhere')
    expect(root.status).toBe(404)
    expect((await root.json()).error.message).toMatch(/The proxy is at \/v1\/mux/)
  })

  it('says which field is wrong, and that JSON is malformed', async () => {
    const malformed = await t.api('/workspaces', { method: 'POST', body: '{"name": ' })
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error.message).toMatch(/not valid JSON/)

    const wrongType = await t.api('/providers', {
      method: 'POST',
      body: JSON.stringify({ name: 'x', kind: 'ollama', endpoint: 42 }),
    })
    expect(wrongType.status).toBe(400)
    const { error } = await wrongType.json()
    expect(error).toMatchObject({
      code: 'invalid_request',
      type: 'invalid_request_error',
      param: 'endpoint',
    })
    expect(error.message).toMatch(/^Invalid value for "endpoint"/)

    const nested = await t.api('/workspaces/default/catch-all', {
      method: 'PUT',
      body: JSON.stringify({ catchAll: { target: { provider: 'Not An Id', model: 'm' } } }),
    })
    expect((await nested.json()).error.param).toBe('catchAll.target.provider')

    const method = await t.api('/workspaces/default/export', { method: 'POST', body: '{}' })
    expect(method.status).toBe(405)
    expect(method.headers.get('allow')).toBe('GET')
    expect((await method.json()).error.message).toMatch(/takes GET/)
  })

  it('publishes an OpenAPI document generated from the contract', async () => {
    const doc = await (await fetch(t.url + '/api/v1/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/providers'].post.operationId).toBe('createProvider')
    expect(
      doc.paths['/providers/{id}'].delete.parameters.map((p: { name: string }) => p.name),
    ).toEqual(['id', 'force'])
    expect(
      doc.paths['/workspaces/active'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['name'])
    expect(
      Object.keys(
        doc.paths['/providers'].post.requestBody.content['application/json'].schema.properties,
      ),
    ).toContain('apiKey')
  })

  it('regenerates the admin token: the old one stops working, the file holds the new one', async () => {
    const old = t.core.adminToken
    const res = await t.api('/admin-token/regenerate', { method: 'POST' })
    const { token } = await res.json()
    expect(token).not.toBe(old)
    expect(readFileSync(join(t.dataDir, 'admin-token'), 'utf8').trim()).toBe(token)
    expect(statSync(join(t.dataDir, 'admin-token')).mode & 0o777).toBe(0o600)
    expect(
      (await fetch(t.url + '/api/v1/status', { headers: { authorization: `Bearer ${old}` } }))
        .status,
    ).toBe(401)
    expect((await t.api('/status')).status).toBe(200)
  })

  it('streams events over SSE', async () => {
    await t.core.api.createWorkspace({ name: 'events' })
    const controller = new AbortController()
    const res = await fetch(t.url + '/api/v1/events', {
      headers: { authorization: `Bearer ${t.core.adminToken}` },
      signal: controller.signal,
    })
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    const reader = res.body!.getReader()
    await reader.read() // ": connected"
    await t.api('/workspaces/active', { method: 'POST', body: JSON.stringify({ name: 'events' }) })
    let text = ''
    for (let i = 0; i < 10 && !text.includes('workspaceActivated'); i++)
      text += new TextDecoder().decode((await reader.read()).value)
    expect(text).toContain('event: workspaceActivated\ndata: {"name":"events"}')
    controller.abort()
    await t.core.api.activateWorkspace({ name: 'default' })
  })
})
