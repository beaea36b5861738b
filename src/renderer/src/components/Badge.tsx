import type { ReactNode } from 'react'

interface Props {
  tone?: 'ok' | 'warn' | 'err' | 'accent' | 'neutral'
  dot?: boolean
  children: ReactNode
  title?: string
}

export function Badge({ tone = 'neutral', dot = true, children, title }: Props) {
  const cls = ['badge', tone === 'neutral' ? '' : tone, dot ? '' : 'plain'].join(' ').trim()
  return (
    <span className={cls} title={title}>
      {children}
    </span>
  )
}
