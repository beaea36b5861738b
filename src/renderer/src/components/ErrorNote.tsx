interface Props {
  error: string | null | undefined
  kind?: 'error' | 'warn' | 'info' | 'ok'
}

/** A message from the core where the action happened; announced to screen readers. */
export function ErrorNote({ error, kind = 'error' }: Props) {
  if (!error) return null
  const cls = kind === 'error' ? 'alert' : `alert ${kind}`
  return (
    <div className={cls} role={kind === 'error' ? 'alert' : 'status'}>
      {error}
    </div>
  )
}
