// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Provider } from '../../../src/shared/schemas.ts'
import { ProviderForm } from '../../../src/renderer/src/components/ProviderForm.tsx'
import { useProviders } from '../../../src/renderer/src/stores/providers.ts'
import { providerFixture } from '../../helpers/provider-fixture.ts'
import { click, clickAndSettle, render, typeInto, type Rendered } from './render.ts'

const stored: Provider = providerFixture({
  id: 'oai',
  name: 'OpenAI',
  endpoint: 'https://api.openai.com/v1',
  auth: 'api_key',
  apiKeyHint: '••••1234',
})

describe('ProviderForm: a stored key and a new endpoint', () => {
  let r: Rendered
  const update = vi.fn(async (input: Record<string, unknown>) => ({ ...stored, ...input }))
  beforeEach(() => {
    update.mockClear()
    useProviders.setState({
      kinds: [
        {
          kind: 'openai',
          label: 'OpenAI',
          defaultEndpoint: 'https://api.openai.com/v1',
          defaultAuth: 'api_key',
          wireFormat: 'openai',
          hint: '',
        },
      ],
      update: update as never,
    })
    r = render(<ProviderForm provider={stored} onDone={() => {}} />)
  })
  afterEach(() => r.unmount())

  const input = (name: string) => r.container.querySelector<HTMLInputElement>(`[name="${name}"]`)
  const submit = () => r.container.querySelector<HTMLButtonElement>('button[type="submit"]')!

  it('asks before the stored key goes to another server, and sends the confirmation', async () => {
    expect(input('keepApiKeyForNewEndpoint')).toBeNull()
    typeInto(input('endpoint')!, 'https://api.openai.com/v2')
    expect(input('keepApiKeyForNewEndpoint')).toBeNull() // same server
    typeInto(input('endpoint')!, 'https://proxy.example/v1')
    expect(input('keepApiKeyForNewEndpoint')).not.toBeNull()
    expect(r.container.textContent).toContain('send the stored key ••••1234 there')

    await clickAndSettle(submit())
    expect(update.mock.calls[0]![0]).not.toHaveProperty('keepApiKeyForNewEndpoint')
    click(input('keepApiKeyForNewEndpoint')!)
    await clickAndSettle(submit())
    expect(update.mock.calls[1]![0]).toMatchObject({
      endpoint: 'https://proxy.example/v1',
      keepApiKeyForNewEndpoint: true,
    })
  })

  it('does not ask when a new key is typed', () => {
    typeInto(input('endpoint')!, 'https://proxy.example/v1')
    typeInto(input('apiKey')!, 'sk-new')
    expect(input('keepApiKeyForNewEndpoint')).toBeNull()
  })
})
