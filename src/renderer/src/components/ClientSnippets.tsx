import { useState } from 'react'
import { clientSnippets } from '../lib/snippets.ts'
import { CopyButton } from './CopyButton.tsx'

/** Tabs of ready-made client configurations (arrow keys move between tabs). */
export function ClientSnippets({ base, onCopied }: { base: string; onCopied?(): void }) {
  const snippets = clientSnippets(base)
  const [selected, setSelected] = useState(snippets[0]!.id)
  const current = snippets.find((s) => s.id === selected) ?? snippets[0]!
  function onKey(e: React.KeyboardEvent, index: number) {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (!delta) return
    e.preventDefault()
    const next = snippets[(index + delta + snippets.length) % snippets.length]!
    setSelected(next.id)
    document.getElementById(`snippet-tab-${next.id}`)?.focus()
  }
  return (
    <div className="stack">
      <div className="tabs" role="tablist" aria-label="Client">
        {snippets.map((s, i) => (
          <button
            key={s.id}
            id={`snippet-tab-${s.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={s.id === current.id}
            aria-controls="snippet-panel"
            tabIndex={s.id === current.id ? 0 : -1}
            onClick={() => setSelected(s.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div id="snippet-panel" role="tabpanel" className="stack">
        <div className="row">
          <span className="muted small">{current.where}</span>
          <span className="spacer" />
          <CopyButton text={current.code} label="Copy snippet" onCopied={onCopied} />
        </div>
        <pre className="codebox">{current.code}</pre>
      </div>
    </div>
  )
}
