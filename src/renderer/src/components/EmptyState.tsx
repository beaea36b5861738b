import type { ReactNode } from 'react'

interface Props {
  title: string
  children?: ReactNode
  action?: ReactNode
}

/** What is missing and what to do next. */
export function EmptyState({ title, children, action }: Props) {
  return (
    <div className="empty">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
      {action}
    </div>
  )
}
