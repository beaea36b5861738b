import { useState } from 'react'
import type { Persona } from '../../../shared/schemas.ts'
import { useAction } from '../lib/use-action.ts'
import { usePersonas } from '../stores/personas.ts'
import { useWorkspaces } from '../stores/workspaces.ts'
import { Dialog } from './Dialog.tsx'
import { ErrorNote } from './ErrorNote.tsx'

interface Props {
  persona: Persona | null
  onClose(): void
}

/** Deletes a persona; when rules use it, says where and offers to remove those rules too. */
export function DeletePersonaDialog({ persona, onClose }: Props) {
  const remove = usePersonas((s) => s.remove)
  const [inUse, setInUse] = useState<string | null>(null)
  const del = useAction(async (force: boolean) => {
    try {
      await remove(persona!.id, force)
    } catch (err) {
      if ((err as { code?: string }).code === 'conflict') {
        setInUse((err as Error).message)
        return
      }
      throw err
    }
    await useWorkspaces.getState().load()
    close()
  })
  function close() {
    setInUse(null)
    onClose()
  }
  return (
    <Dialog open={!!persona} title={`Delete persona ${persona?.name ?? ''}?`} onClose={close}>
      {inUse ? (
        <div className="alert warn" role="status">
          {inUse}
        </div>
      ) : (
        <p>Persona rules that name it stop matching.</p>
      )}
      <ErrorNote error={del.error} />
      <div className="dialog-actions">
        <button type="button" onClick={close} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger solid"
          disabled={del.pending}
          onClick={() => void del.run(!!inUse)}
        >
          {inUse ? 'Delete and remove those rules' : 'Delete'}
        </button>
      </div>
    </Dialog>
  )
}
