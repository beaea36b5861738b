import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../helpers/temp-dir.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// /ui serves a folder without a token: right content types, index.html for client routes,
// nothing outside the folder. (No browser needed.)

// A script large enough to be worth compressing, as the real bundle is.
const BIG_SCRIPT = Array.from(
  { length: 4000 },
  (_, i) => `export const value${i} = { id: ${i}, label: 'item ${i}' }\n`,
).join('')
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

/** A raw GET (fetch would decode the body and hide the encoding on the wire). */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('static UI at /ui', () => {
  let t: TestCore
  let temp: { dir: string; cleanup: () => void }
  beforeAll(async () => {
    temp = makeTempDir()
    const ui = join(temp.dir, 'ui')
    mkdirSync(join(ui, 'assets'), { recursive: true })
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>UI</title>')
    writeFileSync(join(ui, 'assets', 'app.js'), 'export {}')
    writeFileSync(join(ui, 'assets', 'app.css'), 'body{}')
    writeFileSync(join(ui, 'assets', 'big.js'), BIG_SCRIPT)
    writeFileSync(join(ui, 'favicon.png'), PNG)
    writeFileSync(join(temp.dir, 'secret.txt'), 'TOP-SECRET-CONTENT')
    t = await startTestCore({ uiDir: ui })
  })
  afterAll(async () => {
    await t.close()
    temp.cleanup()
  })

  const get = (path: string) => fetch(t.url + path, { redirect: 'manual' })

  it('serves index.html and assets with their content types, no token needed', async () => {
    const index = await get('/ui/')
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await index.text()).toContain('<title>UI</title>')
    const js = await get('/ui/assets/app.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const css = await get('/ui/assets/app.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('redirects /ui to /ui/ so relative asset URLs resolve', async () => {
    const res = await get('/ui')
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe('/ui/')
  })

  it('answers client routes with index.html and missing files with 404', async () => {
    const route = await get('/ui/workspaces/backend')
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<title>UI</title>')
    const missing = await get('/ui/assets/nope.js')
    expect(missing.status).toBe(404)
  })

  it('refuses paths that leave the folder', async () => {
    for (const path of [
      '/ui/..%2fsecret.txt',
      '/ui/%2e%2e/secret.txt',
      '/ui/assets/..%2f..%2fsecret.txt',
    ]) {
      const res = await get(path)
      expect([403, 404]).toContain(res.status)
      expect(await res.text()).not.toContain('TOP-SECRET-CONTENT')
    }
  })

  it('still guards the API with the admin token', async () => {
    const res = await get('/api/v1/providers')
    expect(res.status).toBe(401)
  })

  it('sends the script brotli- or gzip-compressed as the client accepts, identity otherwise', async () => {
    const url = t.url + '/ui/assets/big.js'
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br, zstd' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(br.body.length).toBeLessThan(BIG_SCRIPT.length / 4)
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_SCRIPT)

    const gz = await rawGet(url, { 'accept-encoding': 'br;q=0, gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(BIG_SCRIPT)

    const plain = await rawGet(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toBe('Accept-Encoding')
    expect(plain.body.toString()).toBe(BIG_SCRIPT)

    // The second request is served from memory: same bytes.
    const again = await rawGet(url, { 'accept-encoding': 'br' })
    expect(again.body.equals(br.body)).toBe(true)
    const head = await rawGet(url, { 'accept-encoding': 'br' }, 'HEAD')
    expect(head.headers['content-length']).toBe(br.headers['content-length'])
    expect(head.body.length).toBe(0)
  })

  it('leaves tiny files and images uncompressed', async () => {
    const css = await rawGet(t.url + '/ui/assets/app.css', { 'accept-encoding': 'br' })
    expect(css.headers['content-encoding']).toBeUndefined()
    expect(css.body.toString()).toBe('body{}')
    const png = await rawGet(t.url + '/ui/favicon.png', { 'accept-encoding': 'br' })
    expect(png.headers['content-encoding']).toBeUndefined()
  })

  it('answers the favicon at /ui/favicon.png and at /favicon.ico', async () => {
    for (const path of ['/ui/favicon.png', '/favicon.ico']) {
      const res = await get(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true)
    }
  })
})
