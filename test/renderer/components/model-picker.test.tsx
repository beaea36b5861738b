// @vitest-environment happy-dom
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Provider } from '../../../src/shared/schemas.ts'
import { ModelPicker } from '../../../src/renderer/src/components/ModelPicker.tsx'
import { useGroups } from '../../../src/renderer/src/stores/groups.ts'
import { useProviders } from '../../../src/renderer/src/stores/providers.ts'
import { providerFixture } from '../../helpers/provider-fixture.ts'
import { byLabel, press, render, typeInto, type Rendered } from './render.ts'

const provider = (id: string, name: string, models: string[]): Provider =>
  providerFixture({ id, name, models: models.map((m) => ({ id: m })) })

describe('ModelPicker', () => {
  let r: Rendered
  const onChange = vi.fn()
  beforeEach(() => {
    useProviders.setState({
      providers: [
        provider('oai', 'OpenAI', ['gpt-4o', 'gpt-4o-mini']),
        provider('local', 'Ollama', ['qwen2.5-coder:7b']),
      ],
    })
    useGroups.setState({ groups: [] })
    onChange.mockReset()
    r = render(<ModelPicker label="Target" value={null} onChange={onChange} />)
  })
  afterEach(() => r.unmount())

  const input = () => byLabel<HTMLInputElement>(r.container, 'Target')
  const options = () =>
    [...r.container.querySelectorAll('[role="option"]')].map((o) => o.textContent)

  it('groups models by provider and filters as you type', () => {
    press(input(), 'ArrowDown')
    expect(input().getAttribute('aria-expanded')).toBe('true')
    const groups = [...r.container.querySelectorAll('[role="group"]')].map((g) =>
      g.getAttribute('aria-label'),
    )
    expect(groups).toEqual(['OpenAI', 'Ollama'])
    typeInto(input(), 'mini')
    expect(options()).toEqual(['gpt-4o-mini'])
  })

  it('picks with the arrow keys and Enter, and closes with Escape', () => {
    typeInto(input(), 'gpt')
    press(input(), 'ArrowDown')
    const active = input().getAttribute('aria-activedescendant')
    expect(r.container.querySelector(`#${CSS.escape(active!)}`)?.textContent).toBe('gpt-4o-mini')
    press(input(), 'Enter')
    expect(onChange).toHaveBeenCalledWith({ provider: 'oai', model: 'gpt-4o-mini' })
    typeInto(input(), 'q')
    press(input(), 'Escape')
    expect(input().getAttribute('aria-expanded')).toBe('false')
  })

  it('accepts a typed provider/model that the provider has not listed', () => {
    typeInto(input(), 'local/llama3.3:70b')
    press(input(), 'Enter')
    expect(onChange).toHaveBeenCalledWith({ provider: 'local', model: 'llama3.3:70b' })
  })

  it('is one Tab stop that opens on ArrowDown or typing, never on focus', () => {
    act(() => input().focus())
    act(() => input().dispatchEvent(new FocusEvent('focus')))
    expect(input().getAttribute('aria-expanded')).toBe('false')
    expect(r.container.querySelector('[role="listbox"]')).toBeNull()
    press(input(), 'ArrowDown')
    expect(input().getAttribute('aria-expanded')).toBe('true')
    // The scrollable list is no Tab stop of its own; the options are reached with the arrows.
    expect(r.container.querySelector('[role="listbox"]')!.getAttribute('tabindex')).toBe('-1')
    const tabbable = r.container.querySelectorAll('input, [tabindex="0"], button, a[href]')
    expect(tabbable).toHaveLength(1)
    press(input(), 'Escape')
    expect(input().getAttribute('aria-expanded')).toBe('false')
    typeInto(input(), 'qwen')
    expect(input().getAttribute('aria-expanded')).toBe('true')
    expect(options()).toEqual(['qwen2.5-coder:7b'])
  })

  it('Escape closes the list without choosing and keeps the value shown', () => {
    r.unmount()
    r = render(
      <ModelPicker
        label="Target"
        value={{ provider: 'oai', model: 'gpt-4o' }}
        onChange={onChange}
      />,
    )
    typeInto(input(), 'qw')
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true })
    act(() => void input().dispatchEvent(escape))
    // A dialog around the picker must not see this Escape.
    expect(escape.defaultPrevented).toBe(true)
    expect(input().getAttribute('aria-expanded')).toBe('false')
    expect(input().value).toBe('oai/gpt-4o')
    expect(onChange).not.toHaveBeenCalled()
  })

  it('ArrowUp opens on the last option and the arrows wrap around', () => {
    press(input(), 'ArrowUp')
    const active = () =>
      r.container.querySelector(`#${CSS.escape(input().getAttribute('aria-activedescendant')!)}`)
        ?.textContent
    expect(active()).toBe('qwen2.5-coder:7b')
    press(input(), 'ArrowDown')
    expect(active()).toBe('gpt-4o')
    press(input(), 'Enter')
    expect(onChange).toHaveBeenCalledWith({ provider: 'oai', model: 'gpt-4o' })
  })
})

describe('ModelPicker for group targets (any provider)', () => {
  let r: Rendered
  const onChange = vi.fn()
  beforeEach(() => {
    useProviders.setState({
      providers: [
        provider('oai', 'OpenAI', ['gpt-4o']),
        provider('local', 'Ollama', ['gpt-4o', 'qwen2.5-coder:7b']),
      ],
    })
    useGroups.setState({ groups: [] })
    onChange.mockReset()
    r = render(<ModelPicker anyProvider label="Target 1" value={null} onChange={onChange} />)
  })
  afterEach(() => r.unmount())

  const input = () => byLabel<HTMLInputElement>(r.container, 'Target 1')

  it('offers each model once under "Any provider" before the providers, and no model groups', () => {
    press(input(), 'ArrowDown')
    const sections = [...r.container.querySelectorAll('[role="group"]')].map((g) => [
      g.getAttribute('aria-label'),
      [...g.querySelectorAll('[role="option"]')].map((o) => o.textContent),
    ])
    expect(sections).toEqual([
      ['Any provider', ['gpt-4o', 'qwen2.5-coder:7b']],
      ['OpenAI', ['gpt-4o']],
      ['Ollama', ['gpt-4o', 'qwen2.5-coder:7b']],
    ])
    press(input(), 'Enter')
    expect(onChange).toHaveBeenCalledWith({ provider: null, model: 'gpt-4o' })
  })

  it('takes a typed bare model name as any provider, and provider/model as that provider', () => {
    typeInto(input(), 'llama3.3:70b')
    press(input(), 'Enter')
    expect(onChange).toHaveBeenLastCalledWith({ provider: null, model: 'llama3.3:70b' })
    typeInto(input(), 'local/llama3.3:70b')
    press(input(), 'Enter')
    expect(onChange).toHaveBeenLastCalledWith({ provider: 'local', model: 'llama3.3:70b' })
  })

  it('shows a provider-less value as the bare model name', () => {
    r.unmount()
    r = render(
      <ModelPicker
        anyProvider
        label="Target 1"
        value={{ provider: null, model: 'qwen2.5-coder:7b' }}
        onChange={onChange}
      />,
    )
    expect(input().value).toBe('qwen2.5-coder:7b')
  })
})
