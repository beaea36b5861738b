import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installDom } from './happy-dom.ts'
import { startMuxWorld, type MuxWorld } from '../../helpers/mux-setup.ts'

// The Settings page against a real core: the core (with three providers on fake upstreams) loads in
// Node first, then happy-dom provides the DOM, and React with the page loads after it.
let w: MuxWorld
let dom: { close(): Promise<void> }
beforeAll(async () => {
  w = await startMuxWorld()
  dom = await installDom()
})
afterAll(async () => {
  await dom.close()
  await w.close()
})
const ui = async () => ({
  ...(await import('react')),
  ...(await import('./render.ts')),
  ...(await import('../../../src/renderer/src/api.ts')),
  ...(await import('../../../src/renderer/src/pages/SettingsPage.tsx')),
  ...(await import('../../../src/renderer/src/stores/providers.ts')),
  ...(await import('../../../src/renderer/src/stores/settings.ts')),
})

describe('Settings: price overrides', () => {
  it('adds, checks by field, saves through the settings save, and removes prices', async () => {
    const u = await ui()
    const { act, render, byLabel, click } = u
    // happy-dom's own Event: Node's global one is kept for the core.
    const DomEvent = (globalThis as unknown as { window: { Event: typeof Event } }).window.Event
    const typeInto = (el: HTMLInputElement, value: string) =>
      act(() => {
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!.call(el, value)
        el.dispatchEvent(new DomEvent('input', { bubbles: true }))
      })
    // The in-process contract stands in for the preload bridge: the same api the window calls.
    u.setTransport({
      kind: 'ipc',
      api: w.t.core.api,
      onEvent: () => () => {},
      onLink: () => () => {},
      close() {},
    })
    await act(() =>
      Promise.all([u.useSettings.getState().load(), u.useProviders.getState().load()]),
    )
    const r = render(<u.SettingsPage />)
    const root = r.container
    const input = (label: string) => byLabel<HTMLInputElement>(root, label)
    const saved = async () => (await w.t.core.api.getSettings({})).priceOverrides
    const leave = async (el: HTMLElement) =>
      act(async () => {
        el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }))
      })
    const alerts = () => [...root.querySelectorAll('[role="alert"]')].map((a) => a.textContent)
    const status = () => root.querySelector('[data-testid="settings-save-state"]')!.textContent
    const button = (text: string) =>
      [...root.querySelectorAll('button')].find((b) => b.textContent === text)!

    expect(root.textContent).toContain('Prices')
    expect(root.querySelector('table[aria-label="Price overrides"]')).toBeNull()
    const pick = async (label: string, value: string) =>
      act(async () => {
        const select = byLabel<HTMLSelectElement>(root, label)
        select.value = value
        select.dispatchEvent(new DomEvent('change', { bubbles: true }))
      })

    click(button('+ Price'))
    const providers = root.querySelectorAll('select[aria-label="Provider of price 1"] option')
    expect([...providers].map((o) => o.textContent).sort()).toEqual([
      'Anthropic',
      'Ollama',
      'OpenAI',
    ])
    await pick('Provider of price 1', 'oai')

    // A row being filled in is not flagged ahead of the user, and nothing incomplete is saved.
    typeInto(input('Model of price 1'), 'gpt-4o*')
    await leave(input('Model of price 1'))
    expect(alerts()).toEqual([])
    expect(await saved()).toEqual([])
    // Enter checks the whole row: each missing price says so at its own field.
    await act(async () => {
      input('Model of price 1').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }),
      )
    })
    expect(alerts()).toEqual([
      'Enter a price in USD per million tokens.',
      'Enter a price in USD per million tokens.',
      'Enter a price in USD per million tokens.',
    ])
    expect(input('Input price of price 1').getAttribute('aria-invalid')).toBe('true')

    typeInto(input('Input price of price 1'), '-1')
    await leave(input('Input price of price 1'))
    const inputError = input('Input price of price 1').getAttribute('aria-describedby')!
    expect(root.querySelector(`[id="${inputError}"]`)!.textContent).toBe(
      'A price cannot be negative',
    )
    expect(await saved()).toEqual([])

    typeInto(input('Input price of price 1'), '2.5')
    typeInto(input('Output price of price 1'), '10')
    typeInto(input('Cache read price of price 1'), '1.25')
    await leave(input('Cache read price of price 1'))
    expect(alerts()).toEqual([])
    expect(await saved()).toEqual([
      { provider: 'oai', model: 'gpt-4o*', price: { input: 2.5, output: 10, cacheRead: 1.25 } },
    ])
    expect(status()).toBe('Saved')

    // A second row for another provider; an emptied model is named at its field and not saved.
    click(button('+ Price'))
    await pick('Provider of price 2', 'claude')
    typeInto(input('Model of price 2'), 'claude-*')
    for (const [label, value] of [
      ['Input price of price 2', '1'],
      ['Output price of price 2', '5'],
      ['Cache read price of price 2', '0.1'],
    ] as const)
      typeInto(input(label), value)
    await leave(input('Cache read price of price 2'))
    expect((await saved()).map((o) => `${o.provider}/${o.model}`)).toEqual([
      'oai/gpt-4o*',
      'claude/claude-*',
    ])
    typeInto(input('Model of price 1'), '  ')
    await leave(input('Model of price 1'))
    expect(alerts()).toEqual(['Name a model or a glob such as gpt-4o*'])
    expect((await saved())[0]!.model).toBe('gpt-4o*')
    typeInto(input('Model of price 1'), 'gpt-4o')
    await leave(input('Model of price 1'))
    expect((await saved())[0]!.model).toBe('gpt-4o')

    // The saved price is what the core costs requests at.
    await w.openai.chat.completions.create({
      model: 'oai/gpt-4o',
      messages: [{ role: 'user', content: 'priced by the override' }],
    })
    const [logged] = (await w.t.core.api.listRequests({})).requests
    expect(logged!.costUsd).toBeCloseTo((11 * 2.5 + 7 * 10) / 1e6, 12)

    await act(async () => {
      byLabel(root, 'Remove price 1').dispatchEvent(new MouseEvent('click', { bubbles: true }))
    })
    expect(await saved()).toEqual([
      { provider: 'claude', model: 'claude-*', price: { input: 1, output: 5, cacheRead: 0.1 } },
    ])
    expect(input('Model of price 1').value).toBe('claude-*')
    expect(status()).toBe('Saved')

    // Changed elsewhere (the API, another window): the table follows.
    await act(() => u.useSettings.getState().update({ priceOverrides: [] }))
    expect(root.querySelector('table[aria-label="Price overrides"]')).toBeNull()
    r.unmount()
    u.setTransport(null)
  })
})
