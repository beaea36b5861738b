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

// What a request cost, what routing saved and a workspace's daily cap, in a real Chromium against a
// real core. The fake OpenAI upstream reports 11 prompt and 7 completion tokens, the fake Ollama 17
// and 4; gpt-4o is priced $2.50 in / $10 out per million in the model facts table, Ollama is free.

describe.skipIf(!hasChromium)('activity: cost, savings and the daily cap in the browser', () => {
  let w: UiWorld
  beforeAll(async () => {
    w = await startUiWorld()
    const api = w.t.core.api
    await addFakeProviders(w)
    await api.setRules({
      name: 'default',
      rules: [
        {
          kind: 'filename',
          pattern: '.tsx',
          target: { provider: 'oai', model: 'gpt-4o' },
          fallbacks: [{ provider: 'local', model: 'qwen2.5-coder:7b' }],
        },
      ],
    })
    await api.setCatchAll({
      name: 'default',
      catchAll: { target: { provider: 'local', model: 'qwen2.5-coder:7b' } },
    })
    await signIn(w)
  }, 120_000)
  afterAll(async () => w?.close())

  it('shows each request’s cost, the spend, and the saving versus the priciest model used', async () => {
    const { page } = w
    expect(await sendChat(w, aboutFile('src/App.tsx', 'Explain this component'))).toBe(200)
    expect(await sendChat(w, aboutFile('src/Nav.tsx', 'Add a link'))).toBe(200)
    expect(await sendChat(w, 'What is a monad?')).toBe(200)
    await openPage(page, 'Activity')
    const log = page.getByRole('table', { name: 'Request log' })
    await expect.poll(() => log.locator('tbody tr.expandable').count()).toBe(3)
    // gpt-4o: (11 × 2.50 + 7 × 10) / 1e6 = $0.0000975 a request; the local model is free.
    await expect.poll(() => log.getByText('$0.0000975').count()).toBe(2)
    await log.getByText('$0', { exact: true }).waitFor()

    // Spent 2 × $0.0000975; all three at gpt-4o's price: (39 × 2.50 + 18 × 10) / 1e6 = $0.0002775.
    const total = page.getByTestId('spend-total')
    await total.getByText('$0.000195').waitFor()
    await total.getByText('3 requests').waitFor()
    const saved = page.getByTestId('spend-saved')
    await saved.getByText('$0.0000825').waitFor()
    await saved.getByText('(30%)').waitFor()
    await saved.getByText('oai/gpt-4o').waitFor()
    const perModel = page.getByRole('table', { name: 'Spend per model' })
    await perModel.getByRole('row', { name: /oai\/gpt-4o 2 36 \$0\.000195/ }).waitFor()
    await page.getByRole('table', { name: 'Spend per workspace' }).getByText('default').waitFor()

    // The charts are drawn, with a summary a screen reader can read.
    await page.getByRole('img', { name: /Tokens per model over time.*57 in all/ }).waitFor()
    await page.getByRole('img', { name: /Latency of each request/ }).waitFor()
    expect(await page.locator('.time-chart canvas').count()).toBe(2)
    await screenshotBoth(page, 'activity-cost')
  })

  it('a daily cap set on the workspace page sends paid requests to the free fallback, then refuses', async () => {
    const { page } = w
    await openPage(page, 'Workspaces')
    await page.getByRole('button', { name: 'Edit rules of default' }).click()
    const cap = page.getByLabel('Daily spend cap (USD)')
    await cap.fill('0.0001')
    await cap.press('Enter')
    await expect
      .poll(async () => (await w.t.core.api.getWorkspace({ name: 'default' })).dailySpendCapUsd)
      .toBe(0.0001)

    // $0.000195 spent today: gpt-4o is skipped for the local fallback; named alone, it is refused.
    expect(await sendChat(w, aboutFile('src/Footer.tsx', 'Style this'))).toBe(200)
    expect(await sendChat(w, 'Just gpt-4o please', 'oai/gpt-4o')).toBe(429)

    await openPage(page, 'Activity')
    const log = page.getByRole('table', { name: 'Request log' })
    await log
      .getByText('fell back after oai/gpt-4o (workspace daily cap $0.0001 reached)')
      .waitFor()
    await page.getByLabel('Search requests').fill('daily cap')
    await expect.poll(() => log.locator('tbody tr.expandable').count()).toBe(2)
    await page.getByLabel('Status filter').selectOption({ label: 'Failed' })
    await expect.poll(() => log.locator('tbody tr.expandable').count()).toBe(1)
    const refused = log.locator('tbody tr.expandable').first()
    await refused.getByText('429').waitFor()
    await refused.getByText('default').waitFor()
    await refused.click()
    await log
      .getByText(/reached its daily spend cap of \$0\.0001/)
      .first()
      .waitFor()
    await log.getByText('skipped: workspace daily cap $0.0001 reached').first().waitFor()
    await screenshotBoth(page, 'activity-cap')

    await page.getByLabel('Status filter').selectOption({ label: 'Any status' })
    await page.getByLabel('Search requests').fill('')
    await page.getByLabel('Time range').selectOption({ label: 'Last hour' })
    await expect.poll(() => log.locator('tbody tr.expandable').count()).toBe(5)
    await screenshotBoth(page, 'activity-last-hour')
  })
})
