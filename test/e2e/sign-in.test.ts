import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from './helpers/chromium.ts'
import { startUiWorld, type UiWorld } from './helpers/ui-world.ts'

// The browser host: the core serves the built renderer at /ui; the page signs in with the admin
// token and then talks REST + SSE to the same origin.

describe.skipIf(!hasChromium)('browser host sign-in', () => {
  let w: UiWorld
  beforeAll(async () => {
    w = await startUiWorld()
  }, 120_000)
  afterAll(async () => w?.close())

  it('refuses a wrong token with the core’s words, accepts the right one, and remembers it', async () => {
    const { page } = w
    await page.goto(w.uiUrl)
    await expect(page.title()).resolves.toBe('Switchboard')
    await page.getByLabel('Admin token').fill('not-the-token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'admin token is wrong' }).waitFor()

    await page.getByLabel('Admin token').fill(w.t.core.adminToken)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Overview' }).waitFor()
    const endpoint = await page.getByTestId('endpoint-url').textContent()
    expect(endpoint).toBe(`${w.t.url}/v1/mux`)

    // A reload keeps the session; a client route reloads into the same page.
    await page.goto(w.uiUrl + '#/providers')
    await page.getByRole('heading', { name: 'Providers' }).waitFor()

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('Admin token').waitFor()
  })

  it('never puts the token in a URL: the event stream is read with fetch and a header', async () => {
    const { page } = w
    const urls: string[] = []
    page.on('request', (r) => urls.push(r.url()))
    await page.goto(w.uiUrl)
    await page.getByLabel('Admin token').fill(w.t.core.adminToken)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Overview' }).waitFor()
    await expect.poll(() => urls.some((u) => u.endsWith('/api/v1/events'))).toBe(true)
    expect(urls.filter((u) => u.includes(w.t.core.adminToken))).toEqual([])
  })
})
