import type { ReactNode } from 'react'
import { useAction } from '../lib/use-action.ts'
import { Dialog } from './Dialog.tsx'
import { ErrorNote } from './ErrorNote.tsx'

interface Props {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm(): Promise<unknown>
  onClose(): void
}

/** A destructive action confirmed in words; the core's refusal shows in the dialog. */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onClose }: Props) {
  const run = useAction(async () => {
    await onConfirm()
    onClose()
  })
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <div>{children}</div>
      <ErrorNote error={run.error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger solid"
          disabled={run.pending}
          onClick={() => void run.run()}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  )
}
