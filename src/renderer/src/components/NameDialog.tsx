import { Dialog } from './Dialog.tsx'
import { NameForm } from './NameForm.tsx'

export interface NameDialogProps {
  open: boolean
  title: string
  label: string
  initial: string
  submitLabel: string
  onSubmit(name: string): Promise<unknown>
  onClose(): void
}

/** Asks for one name (new or renamed workspace); the core's objection shows under the field. */
export function NameDialog({
  open,
  title,
  label,
  initial,
  submitLabel,
  onSubmit,
  onClose,
}: NameDialogProps) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      {open && (
        <NameForm
          label={label}
          initial={initial}
          submitLabel={submitLabel}
          onSubmit={onSubmit}
          onClose={onClose}
        />
      )}
    </Dialog>
  )
}
