// @vitest-environment happy-dom
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Workspace } from '../../../src/shared/schemas.ts'
import { RuleEditor } from '../../../src/renderer/src/components/RuleEditor.tsx'
import { usePersonas } from '../../../src/renderer/src/stores/personas.ts'
import { useProviders } from '../../../src/renderer/src/stores/providers.ts'
import { useWorkspaces } from '../../../src/renderer/src/stores/workspaces.ts'
import { byLabel, click, clickAndSettle, press, render, typeInto, type Rendered } from './render.ts'

const workspace: Workspace = {
  id: 'w1',
  name: 'default',
  active: true,
  rules: [
    {
      id: 'a',
      kind: 'filename',
      pattern: '.tsx',
      caseSensitive: false,
      requestType: 'any',
      target: { provider: 'oai', model: 'gpt-4o' },
      fallbacks: [],
    },
    {
      id: 'b',
      kind: 'request-type',
      requestType: 'fim',
      target: { provider: 'local', model: 'qwen' },
      fallbacks: [],
    },
  ],
  catchAll: null,
  holdDecisionForTurn: true,
  createdAt: '',
  updatedAt: '',
}

describe('RuleEditor', () => {
  let r: Rendered
  beforeEach(() => {
    useProviders.setState({ providers: [] })
    usePersonas.setState({ personas: [] })
    r = render(<RuleEditor workspace={workspace} />)
  })
  afterEach(() => r.unmount())

  const kinds = () =>
    [...r.container.querySelectorAll<HTMLSelectElement>('select[aria-label$=" kind"]')].map(
      (s) => s.value,
    )
  const button = (text: string) =>
    [...r.container.querySelectorAll('button')].find((b) => b.textContent === text)!

  it('reorders from the keyboard on the drag handle and keeps focus on the moved rule', () => {
    const handle = byLabel(r.container, 'Move rule 2 (arrow keys)')
    handle.focus()
    press(handle, 'ArrowUp')
    expect(kinds()).toEqual(['request-type', 'filename'])
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move rule 1 (arrow keys)')
    expect(button('Save rules').disabled).toBe(false)
    click(button('Discard'))
    expect(kinds()).toEqual(['filename', 'request-type'])
  })

  it('says next to the rule what is missing before anything is sent', async () => {
    click(button('+ File name rule'))
    await clickAndSettle(button('Save rules'))
    const row = byLabel(r.container, 'Rule 3')
    expect(row.querySelector('[role="alert"]')?.textContent).toContain('file name pattern')
  })

  it('ends with the fixed catch-all row', () => {
    const rows = [...r.container.querySelectorAll('ol[aria-label="Rules"] > li')]
    expect(rows.at(-1)?.getAttribute('aria-label')).toBe('Catch-all')
  })

  /** Picks an option of a select the way React notices: the native value setter, then change. */
  function choose(select: HTMLSelectElement, value: string) {
    const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set
    act(() => {
      setter?.call(select, value)
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
  }
  const saved = () => {
    const saveRules = vi.fn(async () => workspace)
    act(() => useWorkspaces.setState({ saveRules, saveCatchAll: vi.fn(async () => workspace) }))
    return saveRules
  }

  it('offers the request-feature kinds and asks for a model pattern before saving', async () => {
    const options = [...byLabel<HTMLSelectElement>(r.container, 'Rule 1 kind').options]
    expect(options.map((o) => o.value)).toEqual([
      'filename',
      'persona',
      'request-type',
      'model',
      'context',
      'thinking',
      'images',
      'tools',
    ])
    const saveRules = saved()
    click(button('+ Requested model rule'))
    await clickAndSettle(button('Save rules'))
    const row = byLabel(r.container, 'Rule 3')
    expect(row.querySelector('[role="alert"]')?.textContent).toContain('model name pattern')
    expect(saveRules).not.toHaveBeenCalled()
    typeInto(byLabel<HTMLInputElement>(row, 'Rule 3 model pattern'), '*haiku*')
    await clickAndSettle(button('Save rules'))
    // The new rule has no target yet: the row now says so instead.
    expect(row.querySelector('[role="alert"]')?.textContent).toContain('Pick the model')
  })

  it('turns a rule into a context size rule, reading "1.5k" as 1500 tokens', async () => {
    const saveRules = saved()
    choose(byLabel(r.container, 'Rule 2 kind'), 'context')
    const tokens = byLabel<HTMLInputElement>(r.container, 'Rule 2 minimum tokens')
    expect(tokens.value).toBe('60000')
    typeInto(tokens, 'lots')
    await clickAndSettle(button('Save rules'))
    const row = byLabel(r.container, 'Rule 2')
    expect(row.querySelector('[role="alert"]')?.textContent).toContain('positive whole number')
    expect(tokens.getAttribute('aria-invalid')).toBe('true')
    expect(saveRules).not.toHaveBeenCalled()

    typeInto(tokens, '1.5k')
    await clickAndSettle(button('Save rules'))
    expect(saveRules).toHaveBeenCalledWith('default', [
      expect.objectContaining({ kind: 'filename' }),
      {
        id: 'b',
        kind: 'context',
        minTokens: 1500,
        target: { provider: 'local', model: 'qwen' },
        fallbacks: [],
      },
    ])
  })

  it('saves a tools rule with a tool name; thinking and images rows ask for nothing more', async () => {
    const saveRules = saved()
    choose(byLabel(r.container, 'Rule 2 kind'), 'tools')
    typeInto(byLabel<HTMLInputElement>(r.container, 'Rule 2 tool name'), 'web_search')
    choose(byLabel(r.container, 'Rule 1 kind'), 'thinking')
    const row1 = byLabel(r.container, 'Rule 1')
    const filters = ['pattern', 'model pattern', 'minimum tokens', 'tool name', 'request type']
    for (const field of filters) {
      expect(row1.querySelector(`[aria-label="Rule 1 ${field}"]`)).toBeNull()
    }
    await clickAndSettle(button('Save rules'))
    expect(saveRules).toHaveBeenCalledWith('default', [
      expect.objectContaining({ kind: 'thinking', target: { provider: 'oai', model: 'gpt-4o' } }),
      expect.objectContaining({ kind: 'tools', tool: 'web_search' }),
    ])
  })
})
