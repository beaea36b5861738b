import { useState } from 'react'
import type { Provider } from '../../../shared/schemas.ts'
import { DeleteProviderDialog } from '../components/DeleteProviderDialog.tsx'
import { Dialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { ProviderForm } from '../components/ProviderForm.tsx'
import { ProviderRow } from '../components/ProviderRow.tsx'
import { useProviders } from '../stores/providers.ts'

export function ProvidersPage() {
  const providers = useProviders((s) => s.providers)
  const [editing, setEditing] = useState<Provider | 'new' | null>(null)
  const [deleting, setDeleting] = useState<Provider | null>(null)
  const add = (
    <button type="button" className="primary" onClick={() => setEditing('new')}>
      Add provider
    </button>
  )
  return (
    <div className="page">
      <PageHead
        title="Providers"
        description="Where requests can go: local servers and hosted APIs. Models are discovered when you save."
        actions={providers.length > 0 && add}
      />
      {providers.length === 0 ? (
        <EmptyState title="No providers yet" action={add}>
          Pick a kind (Ollama, LM Studio, llama.cpp, vLLM, OpenAI, OpenRouter, Anthropic); the
          endpoint and authentication are filled in for you.
        </EmptyState>
      ) : (
        <ul className="list" aria-label="Providers">
          {providers.map((p) => (
            <ProviderRow
              key={p.id}
              provider={p}
              onEdit={() => setEditing(p)}
              onDelete={() => setDeleting(p)}
            />
          ))}
        </ul>
      )}
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'Add provider' : `Edit ${editing?.name ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <ProviderForm
            key={editing === 'new' ? 'new' : editing.id}
            provider={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
      <DeleteProviderDialog provider={deleting} onClose={() => setDeleting(null)} />
    </div>
  )
}
