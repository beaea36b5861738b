// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Provider } from '../../../src/shared/schemas.ts'
import { ModelPicker } from '../../../src/renderer/src/components/ModelPicker.tsx'
import { useGroups } from '../../../src/renderer/src/stores/groups.ts'
import { useProviders } from '../../../src/renderer/src/stores/providers.ts'
import { byLabel, press, render, typeInto, type Rendered } from './render.ts'

const provider = (id: string, name: string, models: string[]): Provider => ({
  id,
  name,
  kind: 'openai',
  endpoint: 'http://127.0.0.1:1/v1',
  description: '',
  auth: 'none',
  apiKeyHint: null,
  status: 'ok',
  statusError: null,
  checkedAt: null,
  models: models.map((m) => ({ id: m })),
  modelsRefreshedAt: null,
  createdAt: '',
  updatedAt: '',
})

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
})
