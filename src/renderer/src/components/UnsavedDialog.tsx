import { useUnsaved } from '../stores/unsaved.ts'
import { Dialog } from './Dialog.tsx'
import { ErrorNote } from './ErrorNote.tsx'

/** Asks before leaving a form with unsaved changes: save them, drop them, or stay. */
export function UnsavedDialog() {
  const pending = useUnsaved((s) => s.pending)
  const forms = useUnsaved((s) => s.forms)
  const error = useUnsaved((s) => s.error)
  const saving = useUnsaved((s) => s.saving)
  const choose = useUnsaved((s) => s.choose)
  const labels = Object.values(forms).map((f) => f.label)
  return (
    <Dialog open={pending !== null} title="Unsaved changes" onClose={() => void choose('stay')}>
      <p>
        {labels.length ? labels.join(', ') : 'This page'} {labels.length > 1 ? 'have' : 'has'}{' '}
        changes you have not saved.
      </p>
      <ErrorNote error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={() => void choose('stay')} autoFocus>
          Stay
        </button>
        <button type="button" className="danger" onClick={() => void choose('discard')}>
          Discard
        </button>
        <button
          type="button"
          className="primary"
          disabled={saving}
          onClick={() => void choose('save')}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Dialog>
  )
}
