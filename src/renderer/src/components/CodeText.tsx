import { Fragment } from 'react'

/**
 * Text from the core where `backticks` mark a command or a file name: those parts are shown as
 * code, the rest as plain text (no other markup is read).
 */
export function CodeText({ text }: { text: string }) {
  const parts = text.split('`')
  // An odd count of backticks leaves the last one literal rather than swallowing the rest.
  const closed = parts.length % 2 === 1
  return (
    <>
      {parts.map((part, i) => {
        const isCode = i % 2 === 1 && (closed || i < parts.length - 1)
        if (isCode) return <code key={i}>{part}</code>
        return <Fragment key={i}>{i % 2 === 1 ? '`' + part : part}</Fragment>
      })}
    </>
  )
}
