import { useState, type FormEvent } from 'react'
import { useAction } from '../lib/use-action.ts'
import { Field } from './Field.tsx'
import type { NameDialogProps } from './NameDialog.tsx'

export function NameForm(props: Omit<NameDialogProps, 'open' | 'title'>) {
  const [name, setName] = useState(props.initial)
  const save = useAction(async () => {
    await props.onSubmit(name.trim())
    props.onClose()
  })
  function submit(e: FormEvent) {
    e.preventDefault()
    void save.run()
  }
  return (
    <form className="stack" onSubmit={submit}>
      <Field label={props.label} error={save.error}>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} name="name" />
      </Field>
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.pending || !name.trim()}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  )
}
