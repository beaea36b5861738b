import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../helpers/temp-dir.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// /ui serves a folder without a token: right content types, index.html for client routes,
// nothing outside the folder. (No browser needed.)

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
})
