import { useEffect, useRef, useState } from 'react'

/** How long typing must pause before a text or number setting saves by itself. */
export const SAVE_AFTER_TYPING_MS = 800

/**
 * The text of a field that saves itself: on blur, on Enter, or once typing pauses for
 * `debounceMs` (0: only on blur/Enter). `commit` gets the text and decides what to do with it.
 */
export function useDraftField(
  value: string,
  commit: (text: string) => void,
  onEdit?: () => void,
  debounceMs = 0,
) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const commitRef = useRef(commit)
  commitRef.current = commit
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }
  useEffect(() => cancel, [])
  const now = (t: string) => {
    cancel()
    commitRef.current(t)
  }
  return {
    text,
    setText,
    inputProps: {
      value: text,
      onChange(e: { target: { value: string } }) {
        const next = e.target.value
        setText(next)
        onEdit?.()
        if (!debounceMs) return
        cancel()
        timer.current = setTimeout(() => now(next), debounceMs)
      },
      onBlur: () => now(text),
      onKeyDown(e: { key: string }) {
        if (e.key === 'Enter') now(text)
      },
    },
  }
}
