import OpenAI from 'openai'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from './helpers/chromium.ts'
import { screenshotBoth } from './helpers/screenshots.ts'
import { addProvider, openPage, pickModel } from './helpers/ui-steps.ts'
import { signIn, startUiWorld, type UiWorld } from './helpers/ui-world.ts'

// A new user in a real Chromium against a real core with an empty data dir: from nothing to a
// routed request sent with the official OpenAI SDK, then the things that used to break trust:
// Try it on unsaved rules, leaving unsaved rules, ready-made groups, the server going away and
// coming back, and settings that say whether they saved.

/** Whether the page stops a reload or close (its beforeunload handler cancels the event). */
const beforeUnloadBlocked = (page: Page) =>
  page.evaluate<boolean>(
    "(() => { const e = new Event('beforeunload', { cancelable: true }); dispatchEvent(e); return e.defaultPrevented })()",
  )

describe.skipIf(!hasChromium)('first run in the browser', () => {
  let w: UiWorld
  let client: OpenAI
  const ask = (content: string) =>
    client.chat.completions.create({
      model: 'switchboard',
      messages: [{ role: 'user', content }],
    })
  const sidebar = () => w.page.getByRole('navigation', { name: 'Main' })

  beforeAll(async () => {
    w = await startUiWorld()
    client = new OpenAI({ baseURL: `${w.t.url}/v1/mux`, apiKey: 'any', maxRetries: 0 })
    await w.page.setViewportSize({ width: 1400, height: 900 })
    await w.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: w.t.url })
    await signIn(w)
  }, 120_000)
  afterAll(async () => w?.close())

  it('ready-made groups wait for a provider, quietly, and clients do not see them', async () => {
    const { page } = w
    await openPage(page, 'Model groups')
    const card = page.getByRole('listitem', { name: 'openai-auto' })
    await card.getByText('Needs a provider', { exact: true }).waitFor()
    await card.getByText('needs a provider serving gpt-4o-mini or gpt-4o').waitFor()
    expect(await page.locator('.card .field-error').count()).toBe(0)
    const models: string[] = []
    for await (const m of client.models.list()) models.push(m.id)
    expect(models).not.toContain('openai-auto')
  })

  it('walks the checklist from an empty data dir to a request routed for the OpenAI SDK', async () => {
    const { page } = w
    await openPage(page, 'Overview')
    const steps = page.getByRole('list', { name: 'Setup steps' })
    await page.getByText('0 of 4 done').waitFor()
    await screenshotBoth(page, 'overview-first-run')

    await steps.getByRole('button', { name: 'Add a provider' }).click()
    await page.getByRole('heading', { name: 'Providers', level: 1 }).waitFor()
    await addProvider(page, {
      kind: 'OpenAI or compatible',
      name: 'Fake OpenAI',
      id: 'oai',
      endpoint: `${w.openaiUp.url}/v1`,
      apiKey: 'sk-test-5678',
    })
    await openPage(page, 'Overview')
    await page.getByText('1 of 4 done').waitFor()
    await page.getByText('default has no catch-all').waitFor()

    // A client tries before the catch-all is set: the Overview says why it failed and fixes it.
    const refused = await ask('hello').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(OpenAI.APIError)
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(422)
    const problem = page.getByRole('region', { name: /workspace default has no catch-all/ })
    await problem.waitFor()
    await screenshotBoth(page, 'overview-setup-problem')
    await problem.getByRole('button', { name: 'Use oai/gpt-4o' }).click()
    await problem.getByText('Catch-all set. Send the request again.').waitFor()
    expect((await w.t.core.api.getWorkspace({ name: 'default' })).catchAll?.target).toEqual({
      provider: 'oai',
      model: 'gpt-4o',
    })
    await page.getByText('2 of 4 done').waitFor()

    await steps.getByRole('button', { name: /^Copy URL/ }).click()
    await page.getByText('3 of 4 done').waitFor()
    await steps.getByText('Waiting for your first request').waitFor()

    const answer = await ask('Say hello')
    expect(answer.choices[0]!.message.content).toBeTruthy()
    await page.getByText('4 of 4 done').waitFor()
    const first = page.getByTestId('first-request')
    await first.getByText('oai/gpt-4o').waitFor()
    expect(await first.textContent()).toMatch(/by catch-all of workspace default/)
    await problem.waitFor({ state: 'detached' })
    await screenshotBoth(page, 'overview-onboarded')
  })

  it('ready-made groups come alive without a reload once a provider serves their models', async () => {
    const { page } = w
    await openPage(page, 'Model groups')
    const card = page.getByRole('listitem', { name: 'openai-auto' })
    await card.getByText('Partly available').waitFor()
    await page
      .getByRole('listitem', { name: 'deepseek-auto' })
      .getByText('Needs a provider', { exact: true })
      .waitFor()
    const models: string[] = []
    for await (const m of client.models.list()) models.push(m.id)
    expect(models).toContain('openai-auto')
    expect(models).not.toContain('deepseek-auto')
  })

  it('Try it routes by the rules on screen before they are saved', async () => {
    const { page } = w
    await w.t.core.api.createWorkspace({ name: 'drafts' })
    await openPage(page, 'Workspaces')
    await page.getByRole('button', { name: 'Edit rules of drafts' }).click()
    await page.getByRole('heading', { name: 'drafts', level: 2 }).waitFor()
    await pickModel(page, 'Catch-all target model', 'gpt-4o')
    await page.getByText('Unsaved changes', { exact: true }).waitFor()

    const tryIt = page.getByRole('region', { name: 'Try it' })
    await tryIt.getByLabel('Prompt').fill('What is a monad?')
    await tryIt.getByRole('button', { name: 'Show route' }).click()
    const decision = page.getByTestId('decision')
    await decision.getByText('oai/gpt-4o').waitFor()
    await tryIt.getByText('Routed by the rules on screen, not saved yet').waitFor()
    expect((await w.t.core.api.getWorkspace({ name: 'drafts' })).catchAll).toBeNull()
  })

  it('asks before unsaved rules are left: page change, workspace switch, reload', async () => {
    const { page } = w
    const dialog = page.getByRole('dialog', { name: 'Unsaved changes' })

    // Page change: Stay keeps the draft on screen.
    await sidebar().getByRole('link', { name: 'Overview' }).click()
    await dialog.getByText('Rules of drafts has changes you have not saved.').waitFor()
    await screenshotBoth(page, 'unsaved-changes')
    await dialog.getByRole('button', { name: 'Stay' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('heading', { name: 'Workspaces', level: 1 }).waitFor()
    expect(
      await page.getByRole('combobox', { name: 'Catch-all target model' }).inputValue(),
    ).toMatch(/gpt-4o/)

    // Closing or reloading the window: the page asks the browser to confirm.
    const blocked = await beforeUnloadBlocked(page)
    expect(blocked).toBe(true)

    // Workspace switch: Discard drops the draft and opens the other workspace.
    await page.getByRole('button', { name: 'Edit rules of default' }).click()
    await dialog.getByRole('button', { name: 'Discard' }).click()
    await page.getByRole('heading', { name: 'default', level: 2 }).waitFor()
    expect((await w.t.core.api.getWorkspace({ name: 'drafts' })).catchAll).toBeNull()

    // Page change again: Save stores the draft and then moves on.
    await page.getByRole('button', { name: '+ File name rule' }).click()
    await page.getByLabel('Rule 1 pattern').fill('.py')
    await pickModel(page, 'Rule 1 target model', 'gpt-4o')
    await sidebar().getByRole('link', { name: 'Settings' }).click()
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
    const saved = await w.t.core.api.getWorkspace({ name: 'default' })
    expect(saved.rules).toMatchObject([{ kind: 'filename', pattern: '.py' }])
    const nothingLeft = await beforeUnloadBlocked(page)
    expect(nothingLeft).toBe(false)
  })

  it('settings say Saving…, Saved or why not; a fixed field drops its old error', async () => {
    const { page } = w
    await openPage(page, 'Settings')
    const state = page.getByTestId('settings-save-state')
    const field = page.getByLabel('Connect timeout (ms)')
    // Typing and pausing saves without Enter.
    await field.fill('7000')
    await state.getByText('Saved').waitFor()
    expect((await w.t.core.api.getSettings({})).upstreamConnectTimeoutMs).toBe(7000)

    await field.fill('5')
    await field.press('Enter')
    const error = page.getByRole('alert').filter({ hasText: 'Use 100 or more.' })
    await error.waitFor()
    await state.getByText('Not saved').waitFor()
    // Editing the field takes the old error away at once; the fixed value saves.
    await field.fill('6000')
    await error.waitFor({ state: 'detached' })
    await field.press('Enter')
    await state.getByText('Saved').waitFor()
    expect((await w.t.core.api.getSettings({})).upstreamConnectTimeoutMs).toBe(6000)

    // The server was started on another port than the setting: the page says where it listens.
    const port = new URL(w.t.url).port
    await page.getByText(`The proxy listens on :${port} now`).waitFor()
    await screenshotBoth(page, 'settings-saved')
  })

  it('status follows the server down and back up, and stale errors go away', async () => {
    const { page } = w
    const port = Number(new URL(w.t.url).port)
    const badge = page.getByTestId('proxy-badge')
    await badge.getByText(`Proxy on :${port}`).waitFor()

    await w.t.core.server.stop(200)
    await badge.getByText('Switchboard unreachable').waitFor({ timeout: 20_000 })
    await page.getByText('Lost the live connection to Switchboard').waitFor()
    await openPage(page, 'Workspaces')
    await page.getByRole('button', { name: 'Edit rules of drafts' }).click()
    const unreachable = page.getByRole('alert').filter({ hasText: 'Cannot reach Switchboard' })
    await unreachable.waitFor()

    const back = await w.t.core.listen(port)
    expect(back.state).toBe('listening')
    await badge.getByText(`Proxy on :${port}`).waitFor({ timeout: 30_000 })
    await unreachable.waitFor({ state: 'detached' })
    await page.getByText('Lost the live connection to Switchboard').waitFor({ state: 'detached' })
    // Live again: a request sent now shows up without a reload.
    await ask('after the restart')
    await openPage(page, 'Overview')
    await page.getByRole('region', { name: 'Recent requests' }).getByRole('row').nth(3).waitFor()
  })
})
