import { request } from 'node:http'
import { hostname } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// Other machines reach the proxy only with explicit consent, and whatever the bind, a request
// addressed to a name that is not this machine's (DNS rebinding) is refused.

let t: TestCore
beforeAll(async () => {
  t = await startTestCore()
})
afterAll(() => t.close())

describe('binding beyond loopback', () => {
  it('is refused without allowRemote, naming it', async () => {
    const res = await t.api('/settings', {
      method: 'PATCH',
      body: JSON.stringify({ bindAddress: '0.0.0.0' }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatchObject({
      param: 'allowRemote',
      message: expect.stringMatching(/Send allowRemote: true with it to confirm/),
    })
    expect((await t.core.api.getSettings({})).bindAddress).toBe('127.0.0.1')
  })

  it('is saved with allowRemote, which cannot be withdrawn while the bind is open', async () => {
    const saved = await t.core.api.updateSettings({ bindAddress: '0.0.0.0', allowRemote: true })
    expect(saved).toMatchObject({ bindAddress: '0.0.0.0', allowRemote: true })
    await expect(t.core.api.updateSettings({ allowRemote: false })).rejects.toMatchObject({
      param: 'allowRemote',
    })
    await t.core.api.updateSettings({ bindAddress: '127.0.0.1', allowRemote: false })
    expect(t.core.remoteAllowed()).toBe(false)
  })
})

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(host: string): Promise<number> {
  const { port } = new URL(t.url)
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/health', headers: { host: `${host}:${port}` } },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject).end()
  })
}

describe('the Host allow-list', () => {
  it("answers this machine's names and loopback addresses", async () => {
    for (const name of ['localhost', '127.0.0.1', hostname().toLowerCase()])
      expect(await getWithHost(name)).toBe(200)
  })

  it('refuses a foreign name, until it is added as an extra name', async () => {
    expect(await getWithHost('attacker.example')).toBe(403)
    await t.core.api.updateSettings({ extraHostNames: ['Build-Box.lan'] })
    expect(await getWithHost('build-box.lan')).toBe(200)
    expect(await getWithHost('attacker.example')).toBe(403)
    await t.core.api.updateSettings({ extraHostNames: [] })
    expect(await getWithHost('build-box.lan')).toBe(403)
  })
})
