import { useState } from 'react'
import type { Persona } from '../../../shared/schemas.ts'
import { DeletePersonaDialog } from '../components/DeletePersonaDialog.tsx'
import { Dialog } from '../components/Dialog.tsx'
import { EmptyState } from '../components/EmptyState.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { PersonaExamples } from '../components/PersonaExamples.tsx'
import { PersonaForm } from '../components/PersonaForm.tsx'
import { PersonaTester } from '../components/PersonaTester.tsx'
import { usePersonas } from '../stores/personas.ts'
import { EditDeleteButtons, ManagedBadge } from '../components/ManagedBadge.tsx'

export function PersonasPage() {
  const personas = usePersonas((s) => s.personas)
  const [editing, setEditing] = useState<Persona | 'new' | null>(null)
  const [deleting, setDeleting] = useState<Persona | null>(null)
  const add = (
    <button type="button" className="primary" onClick={() => setEditing('new')}>
      New persona
    </button>
  )
  return (
    <div className="page">
      <PageHead
        title="Personas"
        description="Kinds of work a prompt can be about. A local classifier recognises them; persona rules route by them."
        actions={personas.length > 0 && add}
      />
      {personas.length === 0 ? (
        <EmptyState title="No personas yet" action={add}>
          Describe a kind of work (say, frontend or database tuning) in a sentence; then add a
          persona rule to a workspace to route those prompts to a suitable model.
        </EmptyState>
      ) : (
        <div className="cards" role="list" aria-label="Personas">
          {personas.map((p) => (
            <article className="card" key={p.id} role="listitem" aria-label={p.name}>
              <div className="row">
                <h3>{p.name}</h3>
                <span className="muted mono small">{p.id}</span>
                <ManagedBadge file={p.managedBy} />
              </div>
              <p>{p.description}</p>
              <PersonaExamples persona={p} />
              <div className="row">
                <EditDeleteButtons
                  managedBy={p.managedBy}
                  onEdit={() => setEditing(p)}
                  onDelete={() => setDeleting(p)}
                />
              </div>
            </article>
          ))}
        </div>
      )}
      <PersonaTester />
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'New persona' : `Edit ${editing?.name ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <PersonaForm
            key={editing === 'new' ? 'new' : editing.id}
            persona={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
      <DeletePersonaDialog persona={deleting} onClose={() => setDeleting(null)} />
    </div>
  )
}
