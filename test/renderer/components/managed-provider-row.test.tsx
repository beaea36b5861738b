// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { Provider } from '../../../src/shared/schemas.ts'
import { ProviderRow } from '../../../src/renderer/src/components/ProviderRow.tsx'
import { render } from './render.ts'

const provider: Provider = {
  id: 'cloud',
  name: 'Cloud',
  kind: 'openai',
  endpoint: 'https://api.openai.com/v1',
  description: '',
  auth: 'api_key',
  apiKeyHint: '••••9876',
  status: 'ok',
  statusError: null,
  checkedAt: null,
  models: [],
  modelsRefreshedAt: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
}

const buttons = (c: HTMLElement) =>
  Object.fromEntries([...c.querySelectorAll('button')].map((b) => [b.textContent, b]))

describe('a provider declared in the config file', () => {
  it('shows "managed by switchboard.yaml" and cannot be edited or deleted in the window', () => {
    const r = render(
      <ProviderRow
        provider={{ ...provider, managedBy: 'switchboard.yaml' }}
        onEdit={() => {}}
        onDelete={() => {}}
      />,
    )
    expect(r.container.textContent).toContain('managed by switchboard.yaml')
    const { Edit, Delete } = buttons(r.container)
    expect(Edit!.disabled).toBe(true)
    expect(Delete!.disabled).toBe(true)
    expect(Edit!.title).toBe('Managed by switchboard.yaml: edit the file')
    r.unmount()
  })

  it('stays editable when the file does not declare it', () => {
    const r = render(<ProviderRow provider={provider} onEdit={() => {}} onDelete={() => {}} />)
    expect(r.container.textContent).not.toContain('managed by')
    expect(buttons(r.container).Edit!.disabled).toBe(false)
    r.unmount()
  })
})
