import { useState, type FormEvent } from 'react'
import type { Persona, SimilarityWarning } from '../../../shared/schemas.ts'
import { useAction } from '../lib/use-action.ts'
import { usePersonas } from '../stores/personas.ts'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'

interface Props {
  persona: Persona | null
  onDone(): void
}

/** Create or edit a persona; a description too close to another's comes back as a warning. */
export function PersonaForm({ persona, onDone }: Props) {
  const create = usePersonas((s) => s.create)
  const update = usePersonas((s) => s.update)
  const [name, setName] = useState(persona?.name ?? '')
  const [description, setDescription] = useState(persona?.description ?? '')
  const [examples, setExamples] = useState((persona?.examples ?? []).join('\n'))
  const [warnings, setWarnings] = useState<SimilarityWarning[] | null>(null)
  const save = useAction(async () => {
    const input = {
      name,
      description,
      examples: examples
        .split('\n')
        .map((e) => e.trim())
        .filter(Boolean),
    }
    const saved = persona ? await update({ id: persona.id, ...input }) : await create(input)
    if (saved.warnings.length) setWarnings(saved.warnings)
    else onDone()
  })
  const err = (field: string) => (save.param === field ? save.error : null)
  function submit(e: FormEvent) {
    e.preventDefault()
    void save.run()
  }

  if (warnings) {
    return (
      <div className="stack">
        <ErrorNote kind="ok" error="Saved." />
        <div className="alert warn" role="status">
          <strong>Similar to another persona.</strong>{' '}
          {warnings
            .map((w) => `${w.persona} (${Math.round(w.similarity * 100)}% similar)`)
            .join(', ')}
          . The classifier may confuse them: say what sets this one apart, or add examples.
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={() => setWarnings(null)}>
            Edit again
          </button>
          <button type="button" className="primary" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    )
  }
  return (
    <form className="stack" onSubmit={submit} aria-label={persona ? 'Edit persona' : 'New persona'}>
      <Field label="Name" error={err('name')}>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Frontend" />
      </Field>
      <Field
        label="Description"
        hint="One or two sentences on the work this persona covers; the classifier compares prompts with it."
        error={err('description')}
      >
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="React components, CSS layout, accessibility and browser APIs."
        />
      </Field>
      <Field
        label="Example prompts (one per line, optional)"
        hint="Real prompts that belong here make recognition sharper."
        error={save.param?.startsWith('examples') ? save.error : null}
      >
        <textarea value={examples} onChange={(e) => setExamples(e.target.value)} />
      </Field>
      <ErrorNote
        error={
          save.param && ['name', 'description'].includes(save.param)
            ? null
            : save.param?.startsWith('examples')
              ? null
              : save.error
        }
      />
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.pending}>
          {persona ? 'Save' : 'Create persona'}
        </button>
      </div>
    </form>
  )
}
