import type { CatchAll } from '../../../shared/schemas.ts'
import { FallbackList } from './FallbackList.tsx'
import { ModelPicker } from './ModelPicker.tsx'

interface Props {
  value: CatchAll | null
  onChange(next: CatchAll | null): void
  error: string | null
}

/** The fixed last row: where a request goes when no rule matched. */
export function CatchAllRow({ value, onChange, error }: Props) {
  return (
    <li className="rule catch-all" aria-label="Catch-all">
      <span />
      <span className="rule-index">∗</span>
      <div className="stack">
        <div className="rule-fields">
          <div className="field">
            <span>Otherwise</span>
            <span className="muted small">Every request no rule above matched</span>
          </div>
          <div className="field span-2">
            <span>route to</span>
            <ModelPicker
              label="Catch-all target model"
              placeholder="No catch-all: unmatched requests fail with 422"
              value={value?.target ?? null}
              onChange={(target) => onChange({ target, fallbacks: value?.fallbacks ?? [] })}
            />
          </div>
          {value && (
            <div className="wide">
              <FallbackList
                label="Catch-all fallback model"
                value={value.fallbacks}
                onChange={(fallbacks) => onChange({ ...value, fallbacks })}
              />
            </div>
          )}
        </div>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="rule-actions">
        {value && (
          <button
            type="button"
            className="icon ghost danger"
            aria-label="Clear catch-all"
            onClick={() => onChange(null)}
          >
            ✕
          </button>
        )}
      </div>
    </li>
  )
}
