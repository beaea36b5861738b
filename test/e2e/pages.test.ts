import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from './helpers/chromium.ts'
import { screenshotBoth } from './helpers/screenshots.ts'
import { openPage } from './helpers/ui-steps.ts'
import {
  signIn,
  startUiWorld,
  type UiWorld,
  addFakeProviders,
  aboutFile,
  sendChat,
} from './helpers/ui-world.ts'

// Personas, classifier models, activity and settings in a real Chromium against a real core:
// a model downloads from a loopback server with live progress, requests through the proxy show
// up in the activity log as they happen, and every page is saved in light and dark.

describe.skipIf(!hasChromium)('pages in the browser', () => {
  let w: UiWorld
  beforeAll(async () => {
    w = await startUiWorld()
    const api = w.t.core.api
    await addFakeProviders(w)
    await api.setRules({
      name: 'default',
      rules: [{ kind: 'filename', pattern: '.tsx', target: { provider: 'oai', model: 'gpt-4o' } }],
    })
    await api.setCatchAll({
      name: 'default',
      catchAll: { target: { provider: 'local', model: 'qwen2.5-coder:7b' } },
    })
    await signIn(w)
  }, 120_000)
  afterAll(async () => w?.close())

  it('overview shows the endpoint, snippets and the last requests as they arrive', async () => {
    const { page } = w
    await page.getByText('No requests yet').waitFor()
    expect(await sendChat(w, aboutFile('src/App.tsx', 'Explain this component'))).toBe(200)
    expect(await sendChat(w, 'What is a monad?')).toBe(200)
    const recent = page.getByRole('region', { name: 'Recent requests' })
    await recent.getByText('oai/gpt-4o').waitFor()
    await recent.getByText('local/qwen2.5-coder:7b').waitFor()
    await page.getByRole('tab', { name: 'Claude Code' }).click()
    await page.getByText('ANTHROPIC_BASE_URL').waitFor()
    await page.getByRole('tab', { name: 'Continue' }).click()
    await screenshotBoth(page, 'overview')
  })

  it('personas: create, see the similarity warning, and score a prompt live', async () => {
    const { page } = w
    await openPage(page, 'Personas')
    await page.getByText('No personas yet').waitFor()
    const create = async (name: string, description: string) => {
      await page.getByRole('button', { name: 'New persona' }).click()
      const form = page.getByRole('form', { name: 'New persona' })
      await form.getByLabel('Name').fill(name)
      await form.getByLabel('Description').fill(description)
      await form.getByRole('button', { name: 'Create persona' }).click()
    }
    await create(
      'Frontend',
      'React components, CSS layout, accessibility and browser APIs for web frontends.',
    )
    await page.getByRole('listitem', { name: 'Frontend' }).waitFor()
    await create('Databases', 'SQL queries, indexes, migrations and database performance tuning.')
    await page.getByRole('listitem', { name: 'Databases' }).waitFor()
    await create(
      'Design systems',
      'React components, CSS layout, accessibility and browser APIs for web frontends and design systems.',
    )
    await page.getByText('Similar to another persona.').waitFor()
    await page.getByText('Frontend (91% similar)', { exact: false }).waitFor()
    await page.getByRole('button', { name: 'Done' }).click()

    await page
      .getByLabel('Prompt', { exact: true })
      .fill('Why is this SQL query slow? Should I add an index on orders.created_at?')
    const scores = page.getByTestId('persona-scores')
    await scores.getByText('lexical engine').waitFor()
    await expect
      .poll(() => scores.locator('.score-bar').first().textContent())
      .toContain('Databases')
    await scores.getByText('Routes as Databases').waitFor()
    // A prompt about none of them: "No persona" and why, not a full bar for a weak winner.
    await page
      .getByLabel('Prompt', { exact: true })
      .fill('Write a limerick about a cat who learned to use the printer.')
    await scores.getByText('No persona').waitFor()
    await scores.getByText(/below 0\.16/).waitFor()
    await screenshotBoth(page, 'personas')
  })

  it('model groups: create one, then see which target a prompt would get', async () => {
    const { page } = w
    await openPage(page, 'Model groups')
    await page.getByRole('listitem', { name: 'openai-auto' }).waitFor()
    await page.getByRole('button', { name: 'New group' }).click()
    const form = page.getByRole('form', { name: 'New group' })
    await form.getByLabel('Name').fill('smart-coder')
    // Group targets use the rules' model picker: a bare model is "any provider".
    await form.getByRole('combobox', { name: 'Target 1', exact: true }).fill('qwen2.5-coder:7b')
    await form.getByRole('combobox', { name: 'Target 1', exact: true }).press('Enter')
    await form.getByRole('button', { name: '+ Target' }).click()
    await form.getByRole('combobox', { name: 'Target 2', exact: true }).fill('oai/gpt-4o')
    await form.getByRole('combobox', { name: 'Target 2', exact: true }).press('Enter')
    await form.getByRole('button', { name: '+ Rule' }).click()
    await form.getByLabel('Rule 1 pattern').fill('race condition')
    await form.getByRole('button', { name: 'Create group' }).click()
    await form.waitFor({ state: 'detached' })
    const card = page.getByRole('listitem', { name: 'smart-coder' })
    await card
      .getByLabel('Test prompt for smart-coder')
      .fill('Find the race condition in this queue')
    await card.getByRole('button', { name: 'Test' }).click()
    await page.getByTestId('group-result-smart-coder').getByText('oai/gpt-4o').waitFor()
    const saved = await w.t.core.api.getGroup({ id: 'smart-coder' })
    expect(saved.targets).toEqual([
      { provider: null, model: 'qwen2.5-coder:7b' },
      { provider: 'oai', model: 'gpt-4o' },
    ])
    await screenshotBoth(page, 'groups')
  })

  it('classifier models: download with progress, cancel, resume to ready', async () => {
    const { page } = w
    await openPage(page, 'Classifier models')
    const card = page.getByRole('article', { name: 'Tiny router (test)' })
    await card.getByText('MIT').waitFor()
    await card.getByRole('button', { name: /^Download/ }).click()
    const bar = card.getByRole('progressbar', { name: 'Downloading Tiny router (test)' })
    await bar.waitFor()
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')))
      .toBeGreaterThan(0)
    await card.getByText(/\/s · .* left/).waitFor()
    await screenshotBoth(page, 'models-downloading')
    await card.getByRole('button', { name: 'Cancel' }).click()
    await card.getByRole('button', { name: /^Resume \(/ }).waitFor()

    w.files.behaviour.delayMs = 5
    await card.getByRole('button', { name: /^Resume \(/ }).click()
    await card.getByText('Downloaded').waitFor({ timeout: 20_000 })
    const ranges = w.files.requests.map((r) => r.range).filter(Boolean)
    expect(ranges.length).toBeGreaterThan(0)
    const model = (await w.t.core.api.listModels({})).find((m) => m.id === 'tiny-router')
    expect(model?.status.state).toBe('ready')
    await screenshotBoth(page, 'models')
  })

  it('activity: live rows, filters, the full decision, and clearing the log', async () => {
    const { page } = w
    await openPage(page, 'Activity')
    const log = page.getByRole('table', { name: 'Request log' })
    await log.getByText('oai/gpt-4o').waitFor()

    w.openaiUp.behaviour.failWith = 500
    expect(await sendChat(w, aboutFile('src/Button.tsx', 'Refactor this'))).toBeGreaterThanOrEqual(
      500,
    )
    w.openaiUp.behaviour.failWith = undefined
    await expect.poll(() => log.locator('tbody tr.expandable').count()).toBe(3)

    await page.getByLabel('Status filter').selectOption({ label: 'Failed' })
    await expect.poll(() => log.locator('tbody tr.expandable').count()).toBe(1)
    await log.locator('tbody tr.expandable').first().click()
    await log.getByText('Attempts').waitFor()
    await log.getByText('src/Button.tsx').first().waitFor()
    await screenshotBoth(page, 'activity-failed-expanded')
    await page.getByLabel('Status filter').selectOption({ label: 'Any status' })
    await expect.poll(() => log.locator('tbody tr.expandable').count()).toBe(3)
    await page.getByRole('img', { name: /Tokens per model over time/ }).waitFor()
    await screenshotBoth(page, 'activity')

    await page.getByRole('button', { name: 'Clear log' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Clear log' }).click()
    await page.getByText('No requests yet').waitFor()
    expect((await w.t.core.api.listRequests({})).requests).toEqual([])
  })

  it('settings: a change saves to the core; a refused value says why next to the field', async () => {
    const { page } = w
    await openPage(page, 'Settings')
    const field = page.getByLabel('Connect timeout (ms)')
    await field.fill('7000')
    await field.press('Enter')
    await expect
      .poll(async () => (await w.t.core.api.getSettings({})).upstreamConnectTimeoutMs)
      .toBe(7000)
    await field.fill('5')
    await field.press('Enter')
    await page.getByRole('alert').filter({ hasText: 'Use 100 or more.' }).waitFor()
    const bind = page.getByLabel('Bind address', { exact: true })
    await bind.fill('0.0.0.0')
    await page.getByText('Other machines on the network can reach the proxy').waitFor()
    await bind.fill('my laptop')
    await bind.press('Enter')
    await page.getByRole('alert').filter({ hasText: '127.0.0.1 for this machine only' }).waitFor()
    await bind.fill('127.0.0.2')
    await bind.press('Enter')
    await expect
      .poll(async () => (await w.t.core.api.getSettings({})).bindAddress)
      .toBe('127.0.0.2')
    await w.t.core.api.updateSettings({ bindAddress: '127.0.0.1' })
    await page.getByRole('button', { name: 'Reveal' }).click()
    expect(await page.getByTestId('admin-token').textContent()).toBe(w.t.core.adminToken)
    await page.getByRole('button', { name: 'Hide' }).click()
    await screenshotBoth(page, 'settings')

    // Regenerating signs this page in with the new token; the old one stops working.
    const old = w.t.core.adminToken
    await page.getByRole('button', { name: 'Regenerate' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Regenerate' }).click()
    await expect.poll(() => w.t.core.adminToken).not.toBe(old)
    await expect
      .poll(async () => page.getByTestId('admin-token').textContent())
      .toBe(w.t.core.adminToken)
    const refused = await fetch(w.t.url + '/api/v1/status', {
      headers: { authorization: `Bearer ${old}` },
    })
    expect(refused.status).toBe(401)
    await field.fill('8000')
    await field.press('Enter')
    await expect
      .poll(async () => (await w.t.core.api.getSettings({})).upstreamConnectTimeoutMs)
      .toBe(8000)
  })

  it('fits a narrow window: the navigation moves to the top', async () => {
    const page = await w.context.newPage()
    await page.setViewportSize({ width: 600, height: 900 })
    await page.goto(w.uiUrl + '#/workspaces')
    await page.getByRole('heading', { name: 'Workspaces', level: 1 }).waitFor()
    const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox()
    expect(nav!.width).toBeGreaterThan(500)
    await screenshotBoth(page, 'workspaces-narrow')
    await page.close()
  })

  it('signs in from a fresh page and lands on the same UI (sign-in screenshot)', async () => {
    const page = await w.context.newPage()
    await page.evaluate(() => localStorage.clear()).catch(() => {})
    await page.goto(w.uiUrl)
    await page.evaluate(() => localStorage.clear())
    await page.reload()
    await page.getByLabel('Admin token').waitFor()
    await screenshotBoth(page, 'sign-in')
    await page.close()
  })
})
