import { useState, type FormEvent } from 'react'
import { useAction } from '../lib/use-action.ts'
import { useModels } from '../stores/models.ts'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'

/** Registers a .gguf already on this machine (the core reads it from its own disk). */
export function ImportModelForm() {
  const importFile = useModels((s) => s.importFile)
  const [path, setPath] = useState('')
  const [engine, setEngine] = useState<'embedding' | 'generative'>('embedding')
  const [done, setDone] = useState<string | null>(null)
  const run = useAction(async () => {
    const m = await importFile(path.trim(), engine)
    setDone(`Imported ${m.name}.`)
    setPath('')
  })
  function submit(e: FormEvent) {
    e.preventDefault()
    setDone(null)
    void run.run()
  }
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="import-title">
      <h2 id="import-title">Import from disk</h2>
      <div className="grid-2">
        <Field
          label="Path of a .gguf file"
          hint="A path on the machine Switchboard runs on."
          error={run.param === 'path' ? run.error : null}
        >
          <input
            className="mono"
            value={path}
            placeholder="/home/me/models/bge-small-en-v1.5-q8_0.gguf"
            onChange={(e) => setPath(e.target.value)}
          />
        </Field>
        <Field label="Use it for">
          <select value={engine} onChange={(e) => setEngine(e.target.value as typeof engine)}>
            <option value="embedding">Embedding engine</option>
            <option value="generative">Generative engine</option>
          </select>
        </Field>
      </div>
      <ErrorNote error={run.param === 'path' ? null : run.error} />
      <ErrorNote kind="ok" error={done} />
      <div className="row">
        <button type="submit" disabled={run.pending || !path.trim()}>
          {run.pending ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  )
}
