import { useState } from 'react'

interface Props {
  text: string
  label?: string
  /** Told when the text reached the clipboard. */
  onCopied?(): void
}

/** Copies text to the clipboard and says so for a moment. */
export function CopyButton({ text, label = 'Copy', onCopied }: Props) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setCopied('yes')
      onCopied?.()
    } catch {
      // Clipboard needs a secure context or permission; say so instead of failing silently.
      setCopied('no')
    }
    setTimeout(() => setCopied(null), 1500)
  }
  return (
    <button type="button" onClick={copy} aria-label={`${label}: ${text.slice(0, 60)}`}>
      {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Select and copy' : label}
    </button>
  )
}
