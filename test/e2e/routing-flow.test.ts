import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium } from './helpers/chromium.ts'
import { screenshotBoth } from './helpers/screenshots.ts'
import { addProvider, openPage, pickModel } from './helpers/ui-steps.ts'
import { signIn, startUiWorld, type UiWorld } from './helpers/ui-world.ts'

// The main path in a real Chromium against a real core: add providers, build a workspace with
// rules, reorder them with the keyboard, switch workspaces, and ask the 'try it' box where a
// prompt would go. Each step is checked in the UI and in the core.

describe.skipIf(!hasChromium)('routing flow in the browser', () => {
  let w: UiWorld
  beforeAll(async () => {
    w = await startUiWorld()
    await signIn(w)
  }, 120_000)
  afterAll(async () => w?.close())

  it('adds providers with the kind picker, testing the connection first', async () => {
    const { page } = w
    await openPage(page, 'Providers')
    await page.getByText('No providers yet').waitFor()
    await screenshotBoth(page, 'providers-empty')

    await page.getByRole('button', { name: 'Add provider' }).first().click()
    const form = page.getByRole('form', { name: 'Add provider' })
    // The kind picker fills endpoint and auth defaults.
    await form.getByLabel('Kind').selectOption({ label: 'OpenAI or compatible' })
    expect(await form.getByLabel('Endpoint').inputValue()).toBe('https://api.openai.com/v1')
    await expect(form.getByLabel('Authentication').inputValue()).resolves.toBe('api_key')
    await form.getByLabel('Endpoint').fill(`${w.openaiUp.url}/v1`)
    await form.getByLabel('API key').fill('sk-test-1234')
    await form.getByRole('button', { name: 'Test connection' }).click()
    await form.getByText('Connected: 1 model available.').waitFor()
    await screenshotBoth(page, 'provider-form')
    await form.getByRole('button', { name: 'Cancel' }).click()

    await addProvider(page, {
      kind: 'OpenAI or compatible',
      name: 'Fake OpenAI',
      id: 'oai',
      endpoint: `${w.openaiUp.url}/v1`,
      apiKey: 'sk-test-1234',
    })
    await addProvider(page, {
      kind: 'Ollama',
      name: 'Local Ollama',
      id: 'local',
      endpoint: w.ollamaUp.url,
    })
    const list = page.getByRole('list', { name: 'Providers' })
    await list.getByRole('listitem', { name: 'Fake OpenAI' }).getByText('Connected').waitFor()
    await list.getByRole('listitem', { name: 'Local Ollama' }).getByText('1 model').waitFor()
    await list.getByText('key ••••1234').waitFor()
    const stored = await w.t.core.api.listProviders({})
    expect(stored.map((p) => [p.id, p.status]).sort()).toEqual([
      ['local', 'ok'],
      ['oai', 'ok'],
    ])
    await screenshotBoth(page, 'providers')
  })

  it('keeps the API key when an edit leaves the key field blank', async () => {
    const { page } = w
    const row = page.getByRole('listitem', { name: 'Fake OpenAI' })
    await row.getByRole('button', { name: 'Edit' }).click()
    const form = page.getByRole('form', { name: 'Edit provider' })
    expect(await form.getByLabel('API key').inputValue()).toBe('')
    await form.getByLabel('Description (optional)').fill('The test upstream')
    await form.getByRole('button', { name: 'Save' }).click()
    await form.waitFor({ state: 'detached' })
    const p = await w.t.core.api.getProvider({ id: 'oai' })
    expect(p.apiKeyHint).toBe('••••1234')
    expect(p.description).toBe('The test upstream')
  })

  it('shows the core’s objections where they happen: a reserved name, an unreachable provider', async () => {
    const { page } = w
    await openPage(page, 'Workspaces')
    await page.getByRole('button', { name: 'New workspace' }).click()
    const dialog = page.getByRole('dialog', { name: 'New workspace' })
    await dialog.getByLabel('Name').fill('active')
    await dialog.getByRole('button', { name: 'Create' }).click()
    await dialog.getByRole('alert').filter({ hasText: 'This name is reserved' }).waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    await openPage(page, 'Providers')
    await addProvider(page, {
      kind: 'vLLM',
      name: 'Dead vLLM',
      id: 'dead',
      endpoint: 'http://127.0.0.1:9/v1',
    })
    const row = page.getByRole('listitem', { name: 'Dead vLLM' })
    await row.getByText('Unreachable').waitFor()
    await row.locator('.field-error').waitFor()
    await row.getByRole('button', { name: 'Delete' }).click()
    const confirm = page.getByRole('dialog', { name: 'Delete Dead vLLM?' })
    await confirm.getByText('No workspace rule uses this provider').waitFor()
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click()
    await row.waitFor({ state: 'detached' })
  })

  it('builds a workspace: a filename rule, a catch-all, then a request-type rule moved to the top', async () => {
    const { page } = w
    await openPage(page, 'Workspaces')
    await page.getByRole('button', { name: 'New workspace' }).click()
    await page.getByRole('dialog', { name: 'New workspace' }).getByLabel('Name').fill('frontend')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('heading', { name: 'frontend', level: 2 }).waitFor()

    await page.getByRole('button', { name: '+ File name rule' }).click()
    await page.getByLabel('Rule 1 pattern').fill('.tsx')
    await pickModel(page, 'Rule 1 target model', 'gpt-4o')
    await pickModel(page, 'Catch-all target model', 'qwen2.5-coder:7b')
    await page.getByRole('button', { name: 'Save rules' }).click()
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' })
    let ws = await w.t.core.api.getWorkspace({ name: 'frontend' })
    expect(ws.rules).toMatchObject([
      { kind: 'filename', pattern: '.tsx', target: { provider: 'oai', model: 'gpt-4o' } },
    ])
    expect(ws.catchAll?.target).toEqual({ provider: 'local', model: 'qwen2.5-coder:7b' })

    // A rule without a model is caught before saving, next to the rule.
    await page.getByRole('button', { name: '+ Request type rule' }).click()
    await page.getByRole('button', { name: 'Save rules' }).click()
    await page
      .getByRole('listitem', { name: 'Rule 2' })
      .getByRole('alert')
      .filter({ hasText: 'Pick the model' })
      .waitFor()
    await pickModel(page, 'Rule 2 target model', 'qwen2.5-coder:7b')

    // Keyboard reorder: focus rule 2's handle and press ↑.
    await page.getByRole('button', { name: 'Move rule 2 (arrow keys)' }).focus()
    await page.keyboard.press('ArrowUp')
    expect(await page.getByLabel('Rule 1 kind').inputValue()).toBe('request-type')
    await expect
      .poll(() => page.locator(':focus').getAttribute('aria-label'))
      .toBe('Move rule 1 (arrow keys)')
    // A fallback picked from the keyboard: type to filter, Enter takes the highlighted model.
    await page
      .getByRole('listitem', { name: 'Rule 2' })
      .getByRole('button', { name: '+ Fallback' })
      .click()
    const fallback = page.getByRole('combobox', { name: 'Rule 2 fallback model' })
    await fallback.focus()
    await page.keyboard.type('qwen')
    await page.keyboard.press('Enter')
    await page.getByText('1. local/qwen2.5-coder:7b').waitFor()

    await page.getByRole('button', { name: 'Save rules' }).click()
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' })
    ws = await w.t.core.api.getWorkspace({ name: 'frontend' })
    expect(ws.rules.map((r) => r.kind)).toEqual(['request-type', 'filename'])
    expect(ws.rules[1]!.fallbacks).toEqual([{ provider: 'local', model: 'qwen2.5-coder:7b' }])
    await screenshotBoth(page, 'workspaces')
  })

  it('reorders by dragging a rule onto another', async () => {
    const { page } = w
    await page
      .getByRole('button', { name: 'Move rule 2 (arrow keys)' })
      .dragTo(page.getByRole('listitem', { name: 'Rule 1' }))
    await expect.poll(() => page.getByLabel('Rule 1 kind').inputValue()).toBe('filename')
    await page.getByRole('button', { name: 'Discard' }).click()
    await expect.poll(() => page.getByLabel('Rule 1 kind').inputValue()).toBe('request-type')
  })

  it('switches the active workspace here, and follows a switch made elsewhere', async () => {
    const { page } = w
    await page.getByRole('button', { name: 'Activate frontend' }).click()
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByText('Workspace: frontend').waitFor()
    expect((await w.t.core.api.getStatus({})).activeWorkspace).toBe('frontend')

    // Another client (the tray, the API) switches back: the page hears it over the event stream.
    await w.t.core.api.activateWorkspace({ name: 'default' })
    await nav.getByText('Workspace: default').waitFor()
    await page.getByRole('button', { name: 'Activate frontend' }).waitFor()
  })

  it('lists the workspaces that use a provider before deleting it', async () => {
    const { page } = w
    await openPage(page, 'Providers')
    await page
      .getByRole('listitem', { name: 'Local Ollama' })
      .getByRole('button', { name: 'Delete' })
      .click()
    const confirm = page.getByRole('dialog', { name: 'Delete Local Ollama?' })
    await confirm
      .getByText('request-type (target), filename (fallback), catch-all (target)')
      .waitFor()
    await confirm
      .getByText('removes 2 rules that route to it and takes it out of 1 fallback list')
      .waitFor()
    await confirm.getByRole('button', { name: 'Delete anyway' }).waitFor()
    await screenshotBoth(page, 'provider-delete')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await confirm.waitFor({ state: 'hidden' })
    await openPage(page, 'Workspaces')
  })

  it('works from the keyboard: navigate, open a dialog, close it with Escape', async () => {
    const { page } = w
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Providers' })
      .focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Providers', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'Add provider' }).focus()
    await page.keyboard.press('Enter')
    const form = page.getByRole('form', { name: 'Add provider' })
    await form.waitFor()
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'detached' })
    await openPage(page, 'Workspaces')
  })

  it('shows where a prompt would go, and why, without calling any provider', async () => {
    const { page } = w
    const before = w.openaiUp.requests.length + w.ollamaUp.requests.length
    const tryIt = page.getByRole('region', { name: 'Try it' })
    await tryIt.getByLabel('Prompt').fill('Why does this button re-render on every keystroke?')
    await tryIt.getByLabel('Open file (optional)').fill('src/components/Button.tsx')
    await tryIt.getByRole('button', { name: 'Show route' }).click()
    const decision = page.getByTestId('decision')
    await decision.getByText('oai/gpt-4o').waitFor()
    await decision.getByText('Rule 2', { exact: true }).waitFor()
    await decision.getByText('src/components/Button.tsx').first().waitFor()
    await screenshotBoth(page, 'try-it')

    await tryIt.getByLabel('Sent as').selectOption({ label: 'Autocomplete (fill-in-the-middle)' })
    await tryIt.getByRole('button', { name: 'Show route' }).click()
    await decision.getByText('local/qwen2.5-coder:7b').waitFor()
    await decision.getByText('Rule 1', { exact: true }).waitFor()

    await tryIt.getByLabel('Open file (optional)').fill('')
    await tryIt.getByLabel('Sent as').selectOption({ label: 'OpenAI chat (any SDK)' })
    await tryIt.getByRole('button', { name: 'Show route' }).click()
    await decision.getByText('catch-all', { exact: false }).first().waitFor()

    // A pasted request body, as a client would send it; invalid JSON is explained in place.
    await tryIt.getByLabel('Paste a raw request body (JSON)').check()
    await tryIt.getByRole('textbox', { name: 'Request body' }).fill('{"messages": [')
    await tryIt.getByRole('button', { name: 'Show route' }).click()
    await tryIt.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor()
    await tryIt.getByRole('textbox', { name: 'Request body' }).fill(
      JSON.stringify({
        model: 'switchboard',
        prompt: '<|fim_prefix|>def f():<|fim_suffix|><|fim_middle|>',
      }),
    )
    await tryIt.getByRole('button', { name: 'Show route' }).click()
    await decision.getByText('Rule 1', { exact: true }).waitFor()
    expect(w.openaiUp.requests.length + w.ollamaUp.requests.length).toBe(before)
  })

  it('exports a workspace as JSON and imports it under a new name', async () => {
    const { page } = w
    await page.getByRole('button', { name: 'Edit rules of frontend' }).click()
    await page.getByRole('heading', { name: 'frontend', level: 2 }).waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('frontend.switchboard.json')
    const text = await readFile(await download.path(), 'utf8')
    const doc = JSON.parse(text) as { switchboard: string; rules: unknown[] }
    expect(doc.switchboard).toBe('workspace')
    expect(doc.rules).toHaveLength(2)
    expect(text).not.toContain('sk-test-1234')

    await page.getByRole('button', { name: 'Import' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import workspace' })
    await dialog.getByLabel('Workspace JSON').fill(text)
    await dialog.getByLabel('Name (optional)').fill('frontend copy')
    await dialog.getByRole('button', { name: 'Import' }).click()
    await page.getByRole('heading', { name: 'frontend copy', level: 2 }).waitFor()
    const copy = await w.t.core.api.getWorkspace({ name: 'frontend copy' })
    expect(copy.rules.map((r) => r.kind)).toEqual(['request-type', 'filename'])
  })
})
