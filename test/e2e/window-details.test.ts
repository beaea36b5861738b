import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAIModels } from '../helpers/fake-providers.ts'
import { deadUrl, type FakeServer } from '../helpers/http-server.ts'
import { hasChromium } from './helpers/chromium.ts'
import { screenshotBoth } from './helpers/screenshots.ts'
import { openPage } from './helpers/ui-steps.ts'
import { signIn, startUiWorld, type UiWorld, addFakeProviders } from './helpers/ui-world.ts'

// The details a new user meets in a real Chromium against a real core: importing a workspace
// whose providers do not exist here, provider errors in words, the model picker from the
// keyboard, a favicon and a compressed script, and every page in light and dark.

/** A workspace exported on another machine, routing to a provider this one does not have. */
const theirs = {
  switchboard: 'workspace',
  version: 1,
  name: 'from-a-colleague',
  rules: [
    {
      kind: 'filename',
      pattern: '.go',
      target: { provider: 'groq', model: 'gpt-4o' },
      fallbacks: [{ provider: 'together', model: 'mixtral' }],
    },
    { kind: 'filename', pattern: '.py', target: { provider: 'together', model: 'qwen' } },
  ],
  catchAll: { target: { provider: 'local', model: 'qwen2.5-coder:7b' }, fallbacks: [] },
  holdDecisionForTurn: true,
}

describe.skipIf(!hasChromium)('window details in the browser', () => {
  let w: UiWorld
  const servers: FakeServer[] = []
  const responses: { url: string; status: number; encoding: string | undefined }[] = []
  beforeAll(async () => {
    w = await startUiWorld()
    await w.page.setViewportSize({ width: 1400, height: 900 })
    w.page.on('response', (r) =>
      responses.push({
        url: r.url(),
        status: r.status(),
        encoding: r.headers()['content-encoding'],
      }),
    )
    await addFakeProviders(w, { description: 'The team account; billed to engineering.' })
    await signIn(w)
  }, 120_000)
  afterAll(async () => {
    await w?.close()
    await Promise.all(servers.map((s) => s.close()))
  })

  it('loads with a favicon and a brotli-compressed script', async () => {
    // The event stream stays open, so the page never goes network-idle: wait for the script.
    await expect.poll(() => responses.some((r) => /\/ui\/assets\/.*\.js$/.test(r.url))).toBe(true)
    const script = responses.find((r) => /\/ui\/assets\/.*\.js$/.test(r.url))
    expect(script).toMatchObject({ status: 200, encoding: 'br' })
    const icon = await fetch(new URL('favicon.png', w.uiUrl))
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toBe('image/png')
    expect((await fetch(`${w.t.url}/favicon.ico`)).status).toBe(200)
    const href = await w.page.locator('link[rel="icon"]').getAttribute('href')
    expect(href).toBe('./favicon.png')
    expect(responses.filter((r) => r.status === 404)).toEqual([])
  })

  it('imports a workspace naming missing providers by mapping one and dropping the other', async () => {
    const { page } = w
    await openPage(page, 'Workspaces')
    await page.getByRole('button', { name: 'Import' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Import workspace' })
    await dialog.getByLabel('Workspace JSON').fill(JSON.stringify(theirs))
    const mapping = dialog.getByRole('group', { name: 'Not on this machine' })
    await mapping.getByLabel('Provider “groq”').waitFor()
    await mapping.getByText('Used by 2 rules.').waitFor()
    const importButton = dialog.getByRole('button', { name: 'Import', exact: true })
    expect(await importButton.isDisabled()).toBe(true)
    await mapping.getByLabel('Provider “groq”').selectOption({ label: 'Use OpenAI (fake) (oai)' })
    await mapping
      .getByLabel('Provider “together”')
      .selectOption({ label: 'Drop the rules that use it' })
    await screenshotBoth(page, 'import-mapping')
    await importButton.click()
    await dialog.waitFor({ state: 'hidden' })

    const ws = await w.t.core.api.getWorkspace({ name: 'from-a-colleague' })
    expect(ws.rules).toMatchObject([
      { pattern: '.go', target: { provider: 'oai', model: 'gpt-4o' }, fallbacks: [] },
    ])
    // Requests about a .go file now go to the provider it was mapped to.
    await w.t.core.api.activateWorkspace({ name: 'from-a-colleague' })
    const res = await fetch(`${w.t.url}/v1/mux/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'switchboard',
        messages: [{ role: 'user', content: '```go main.go\npackage main\n```\n\nExplain this' }],
      }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-switchboard-provider')).toBe('oai')
    expect(res.headers.get('x-switchboard-model')).toBe('gpt-4o')
    await w.t.core.api.activateWorkspace({ name: 'default' })
  })

  it('a name clash says so in words, offers another name, or replaces', async () => {
    const { page } = w
    await page.getByRole('button', { name: 'Import' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Import workspace' })
    await dialog.getByLabel('Workspace JSON').fill(JSON.stringify(theirs))
    await dialog
      .getByText(
        'A workspace named “from-a-colleague” exists. Import under another name, or replace it.',
      )
      .waitFor()
    expect(await dialog.textContent()).not.toContain('replace=true')
    const mapping = dialog.getByRole('group', { name: 'Not on this machine' })
    await mapping.getByLabel('Provider “groq”').selectOption({ label: 'Use Ollama (fake) (local)' })
    await mapping
      .getByLabel('Provider “together”')
      .selectOption({ label: 'Use Ollama (fake) (local)' })
    await dialog.getByRole('button', { name: 'Use another name' }).click()
    expect(await dialog.getByLabel('Name (optional)').inputValue()).toBe('from-a-colleague 2')
    await dialog.getByLabel('Name (optional)').fill('')
    await dialog.getByRole('button', { name: 'Replace “from-a-colleague”' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const ws = await w.t.core.api.getWorkspace({ name: 'from-a-colleague' })
    expect(ws.rules.map((r) => r.target.provider)).toEqual(['local', 'local'])
  })

  it('provider errors say what happened: a refused key, a server that is not running', async () => {
    const { page } = w
    const keyed = await startFakeOpenAIModels({ apiKey: 'sk-right' })
    servers.push(keyed)
    await openPage(page, 'Providers')
    await page.getByText('The team account; billed to engineering.').waitFor()
    await page.getByRole('button', { name: 'Add provider' }).first().click()
    const form = page.getByRole('form', { name: 'Add provider' })
    await form.getByLabel('Kind').selectOption({ label: 'Ollama' })
    // The hint's commands show as code, not as raw backticks.
    const hint = form.locator('.field-hint').first()
    expect(await hint.locator('code').allTextContents()).toEqual(['ollama serve', 'ollama pull'])
    expect(await hint.textContent()).not.toContain('`')

    await form.getByLabel('Kind').selectOption({ label: 'OpenAI or compatible' })
    await form.getByLabel('Endpoint').fill(`${keyed.url}/v1`)
    await form.getByLabel('API key').fill('sk-wrong')
    await form.getByRole('button', { name: 'Test connection' }).click()
    const refused = form.getByRole('alert')
    await refused
      .getByText('The server answered 401: the API key was refused. Check the key.')
      .waitFor()
    expect(await refused.textContent()).not.toContain('Could not connect')
    await screenshotBoth(page, 'provider-form-401')

    const dead = await deadUrl()
    await form.getByLabel('Endpoint').fill(`${dead}/v1`)
    await form.getByRole('button', { name: 'Test connection' }).click()
    const down = form.getByRole('alert').filter({ hasText: 'connection refused' })
    await down.waitFor()
    expect(await down.textContent()).toBe(
      `Could not connect to ${dead}/v1/models: connection refused. Is the server running?`,
    )

    // Saved with the wrong key, the row says the key was refused (not "unreachable").
    await form.getByLabel('Endpoint').fill(`${keyed.url}/v1`)
    await form.getByLabel('Name').fill('Keyed')
    await form.getByRole('button', { name: 'Add provider' }).click()
    await form.waitFor({ state: 'detached' })
    const row = page.getByRole('listitem', { name: 'Keyed' })
    await row.getByText('Key refused').waitFor()
    await row
      .getByText('The server answered 401: the API key was refused. Check the key.')
      .waitFor()
  })

  it('the model picker is one Tab stop, opens from the keyboard, and closes with Escape', async () => {
    const { page } = w
    await openPage(page, 'Model groups')
    await page.getByRole('button', { name: 'New group' }).click()
    const dialog = page.getByRole('dialog')
    const form = page.getByRole('form', { name: 'New group' })
    const picker = form.getByRole('combobox', { name: 'Target 1', exact: true })
    const focused = () => picker.evaluate((el) => el === el.ownerDocument.activeElement)
    // Tab from the strategy select lands on the picker, and focus alone does not open it.
    await form.getByLabel('Strategy').focus()
    await page.keyboard.press('Tab')
    expect(await focused()).toBe(true)
    expect(await picker.getAttribute('aria-expanded')).toBe('false')
    expect(await form.getByRole('listbox').count()).toBe(0)

    await page.keyboard.press('ArrowDown')
    expect(await picker.getAttribute('aria-expanded')).toBe('true')
    const list = form.getByRole('listbox', { name: 'Target 1 options' })
    await list.waitFor()
    // Group targets offer "any provider" first, then each provider's models.
    const sections = await list
      .getByRole('group')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')))
    expect(sections).toEqual(['Any provider', 'Ollama (fake)', 'OpenAI (fake)'])
    await screenshotBoth(page, 'model-picker-open')

    // Escape closes the list, not the dialog around it; the picker keeps focus.
    await page.keyboard.press('Escape')
    await list.waitFor({ state: 'detached' })
    expect(await dialog.isVisible()).toBe(true)
    expect(await focused()).toBe(true)

    // Typing opens and filters; arrows move; Enter picks the highlighted model.
    await page.keyboard.type('gpt')
    await list.waitFor()
    expect(await list.getByRole('option').allTextContents()).toEqual(['gpt-4o', 'gpt-4o'])
    await page.keyboard.press('ArrowDown')
    const active = await picker.getAttribute('aria-activedescendant')
    const highlighted = page.locator(`[id="${active}"]`)
    expect(await highlighted.textContent()).toBe('gpt-4o')
    expect(await highlighted.evaluate((o) => o.closest('[role="group"]')?.ariaLabel)).toBe(
      'OpenAI (fake)',
    )
    await page.keyboard.press('Enter')
    await list.waitFor({ state: 'detached' })
    expect(await picker.inputValue()).toBe('oai/gpt-4o')

    // Open, then Tab: focus moves on to the next control, never into the list.
    await page.keyboard.press('ArrowDown')
    await list.waitFor()
    await page.keyboard.press('Tab')
    await list.waitFor({ state: 'detached' })
    expect(await focused()).toBe(false)
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('+ Target')

    // A model typed by hand is kept as typed; provider/model pins the provider.
    await picker.fill('oai/gpt-4.1')
    await picker.press('Enter')
    expect(await picker.inputValue()).toBe('oai/gpt-4.1')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })

  it('every page, in light and dark', async () => {
    const { page } = w
    for (const [label, name] of [
      ['Overview', 'overview'],
      ['Providers', 'providers'],
      ['Workspaces', 'workspaces'],
      ['Personas', 'personas'],
      ['Model groups', 'groups'],
      ['Classifier models', 'models'],
      ['Activity', 'activity'],
      ['Settings', 'settings'],
      ['Keys', 'keys'],
    ] as const) {
      await openPage(page, label)
      await screenshotBoth(page, `page-${name}`)
    }
    await openPage(page, 'Classifier models')
    const card = page.getByRole('article', { name: 'Tiny router (test)' })
    await card.getByText('Download it yourself').click()
    await card.getByText(`${w.files.url}/tiny.gguf`).waitFor()
    await card.getByRole('button', { name: /^Copy SHA-256/ }).waitFor()
    await card.getByText(/tiny-router\.gguf/).waitFor()
    await screenshotBoth(page, 'models-manual-download')
  })
})
