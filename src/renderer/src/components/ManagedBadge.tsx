import { Badge } from './Badge.tsx'

/** Marks an object declared in the config file: it is edited there, not in the window. */
export function ManagedBadge({ file }: { file: string | undefined }) {
  if (!file) return null
  return (
    <Badge tone="accent" dot={false} title={`Edit ${file}; Switchboard reloads it on save.`}>
      managed by {file}
    </Badge>
  )
}

/** The hover text of a control that is off because the config file manages the object. */
export const managedTitle = (file: string | undefined) =>
  file ? `Managed by ${file}: edit the file` : undefined

/** Edit and Delete for one object, both off while the config file manages it. */
export function EditDeleteButtons({
  managedBy,
  onEdit,
  onDelete,
}: {
  managedBy: string | undefined
  onEdit(): void
  onDelete(): void
}) {
  const locked = { disabled: !!managedBy, title: managedTitle(managedBy) }
  return (
    <>
      <button type="button" onClick={onEdit} {...locked}>
        Edit
      </button>
      <button type="button" className="danger" onClick={onDelete} {...locked}>
        Delete
      </button>
    </>
  )
}
