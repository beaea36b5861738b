// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Workspace } from '../../../src/shared/schemas.ts'
import { RuleEditor } from '../../../src/renderer/src/components/RuleEditor.tsx'
import { usePersonas } from '../../../src/renderer/src/stores/personas.ts'
import { useProviders } from '../../../src/renderer/src/stores/providers.ts'
import { byLabel, click, clickAndSettle, press, render, type Rendered } from './render.ts'

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
})
