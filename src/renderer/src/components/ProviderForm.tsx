import { useState, type FormEvent } from 'react'
import type { Provider } from '../../../shared/schemas.ts'
import type { ProviderKind } from '../../../shared/provider-kinds.ts'
import { endpointOriginChanged } from '../lib/endpoint-origin.ts'
import { useAction } from '../lib/use-action.ts'
import { api } from '../api.ts'
import { useProviders } from '../stores/providers.ts'
import { CodeText } from './CodeText.tsx'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'

interface Props {
  /** The provider being edited, or null to add one. */
  provider: Provider | null
  onDone(saved: Provider | null): void
}

interface Draft {
  kind: ProviderKind
  name: string
  id: string
  endpoint: string
  auth: 'none' | 'api_key'
  apiKey: string
  description: string
}

/** Add or edit a provider. The key is write-only: it is never shown, and blank keeps it. */
export function ProviderForm({ provider, onDone }: Props) {
  const kinds = useProviders((s) => s.kinds)
  const create = useProviders((s) => s.create)
  const update = useProviders((s) => s.update)
  const first = kinds.find((k) => k.kind === 'ollama') ?? kinds[0]
  const [draft, setDraft] = useState<Draft>(() =>
    provider
      ? { ...provider, apiKey: '' }
      : {
          kind: first?.kind ?? 'ollama',
          name: first?.label ?? '',
          id: '',
          endpoint: first?.defaultEndpoint ?? '',
          auth: first?.defaultAuth ?? 'none',
          apiKey: '',
          description: '',
        },
  )
  const info = kinds.find((k) => k.kind === draft.kind)
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }))
  const [keepKey, setKeepKey] = useState(false)
  // The stored key was entered for the old server: moving it to another one is a choice.
  const keyWouldMove =
    !!provider?.apiKeyHint &&
    draft.auth === 'api_key' &&
    !draft.apiKey.trim() &&
    endpointOriginChanged(provider.endpoint, draft.endpoint || (info?.defaultEndpoint ?? ''))

  /** Picking a kind fills its defaults, unless the user already typed their own. */
  function pickKind(kind: ProviderKind) {
    const next = kinds.find((k) => k.kind === kind)
    if (!next) return
    const prev = info
    set({
      kind,
      endpoint:
        !draft.endpoint || draft.endpoint === prev?.defaultEndpoint
          ? next.defaultEndpoint
          : draft.endpoint,
      name: !draft.name || draft.name === prev?.label ? next.label : draft.name,
      auth: next.defaultAuth,
    })
  }

  const payload = () => ({
    name: draft.name,
    kind: draft.kind,
    endpoint: draft.endpoint || undefined,
    auth: draft.auth,
    description: draft.description,
    // Blank means "keep the stored key" when editing, "no key" when adding.
    apiKey: draft.apiKey.trim() ? draft.apiKey.trim() : undefined,
  })

  const consent = () => (keyWouldMove && keepKey ? { keepApiKeyForNewEndpoint: true } : {})

  const save = useAction(async () =>
    provider
      ? update({ id: provider.id, ...payload(), ...consent() })
      : create({ ...payload(), id: draft.id.trim() || undefined }),
  )
  const test = useAction(() => api().testProvider({ ...payload(), id: provider?.id, ...consent() }))
  const [tested, setTested] = useState<Awaited<ReturnType<typeof test.run>>>(undefined)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const saved = await save.run()
    if (saved) onDone(saved)
  }
  const err = (field: string) => (save.param === field ? save.error : null)

  return (
    <form
      className="stack"
      onSubmit={submit}
      aria-label={provider ? 'Edit provider' : 'Add provider'}
    >
      <Field label="Kind" hint={info?.hint && <CodeText text={info.hint} />}>
        <select
          value={draft.kind}
          onChange={(e) => pickKind(e.target.value as ProviderKind)}
          name="kind"
        >
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid-2">
        <Field label="Name" error={err('name')}>
          <input name="name" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        {!provider && (
          <Field
            label="Id (optional)"
            hint="Used in rules and model names (provider/model). Derived from the name if blank."
            error={err('id')}
          >
            <input
              name="id"
              value={draft.id}
              placeholder="e.g. ollama"
              onChange={(e) => set({ id: e.target.value })}
            />
          </Field>
        )}
      </div>
      <Field
        label="Endpoint"
        hint={`Default: ${info?.defaultEndpoint ?? ''}`}
        error={err('endpoint')}
      >
        <input
          name="endpoint"
          className="mono"
          value={draft.endpoint}
          placeholder={info?.defaultEndpoint}
          onChange={(e) => set({ endpoint: e.target.value })}
        />
      </Field>
      <div className="grid-2">
        <Field label="Authentication">
          <select
            name="auth"
            value={draft.auth}
            onChange={(e) => set({ auth: e.target.value as Draft['auth'] })}
          >
            <option value="none">None</option>
            <option value="api_key">API key</option>
          </select>
        </Field>
        {draft.auth === 'api_key' && (
          <Field
            label="API key"
            hint={
              provider?.apiKeyHint
                ? `Stored key ${provider.apiKeyHint}. Leave blank to keep it.`
                : 'Stored encrypted; never shown again.'
            }
            error={err('apiKey')}
          >
            <input
              name="apiKey"
              type="password"
              autoComplete="off"
              value={draft.apiKey}
              placeholder={provider?.apiKeyHint ? 'unchanged' : 'sk-…'}
              onChange={(e) => set({ apiKey: e.target.value })}
            />
          </Field>
        )}
      </div>
      {keyWouldMove && (
        <label className="check">
          <input
            type="checkbox"
            name="keepApiKeyForNewEndpoint"
            checked={keepKey}
            onChange={(e) => setKeepKey(e.target.checked)}
          />
          The endpoint is on another server: send the stored key {provider?.apiKeyHint} there (or
          type the key again)
        </label>
      )}
      <Field label="Description (optional)">
        <input
          name="description"
          value={draft.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </Field>
      {tested && (
        <ErrorNote
          kind={tested.ok ? 'ok' : 'error'}
          error={
            tested.ok
              ? `Connected: ${tested.models.length} ${tested.models.length === 1 ? 'model' : 'models'} available.`
              : (tested.error ?? 'The test failed without a reason.')
          }
        />
      )}
      <ErrorNote error={test.error} />
      <ErrorNote
        error={
          save.param && ['name', 'id', 'endpoint', 'apiKey'].includes(save.param)
            ? null
            : save.error
        }
      />
      <div className="dialog-actions">
        <button
          type="button"
          onClick={async () => setTested(await test.run())}
          disabled={test.pending}
        >
          {test.pending ? 'Testing…' : 'Test connection'}
        </button>
        <span className="spacer" />
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : provider ? 'Save' : 'Add provider'}
        </button>
      </div>
    </form>
  )
}
