import { useState } from 'react'
import type { Target } from '../../../shared/schemas.ts'
import { ModelPicker } from './ModelPicker.tsx'

interface Props {
  value: Target[]
  onChange(next: Target[]): void
  label: string
}

/** Models tried in order when the target fails (connection refused, 5xx, timeout). */
export function FallbackList({ value, onChange, label }: Props) {
  const [adding, setAdding] = useState(false)
  return (
    <div className="stack tight">
      <div className="chips">
        {value.map((t, i) => (
          <span className="chip" key={`${t.provider}/${t.model}/${i}`}>
            {i + 1}. {t.provider}/{t.model}
            <button
              type="button"
              aria-label={`Remove fallback ${t.provider}/${t.model}`}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </span>
        ))}
        {!adding && value.length < 8 && (
          <button type="button" className="ghost small" onClick={() => setAdding(true)}>
            + Fallback
          </button>
        )}
      </div>
      {adding && (
        <div className="row">
          <div className="grow">
            <ModelPicker
              value={null}
              label={label}
              placeholder="Fallback model…"
              onChange={(t) => {
                onChange([...value, t])
                setAdding(false)
              }}
            />
          </div>
          <button type="button" className="ghost" onClick={() => setAdding(false)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  )
}
