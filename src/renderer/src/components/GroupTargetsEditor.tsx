import type { GroupTarget } from '../../../shared/groups.ts'
import { ModelPicker } from './ModelPicker.tsx'

interface Props {
  targets: GroupTarget[]
  unavailable: string[]
  onChange(targets: GroupTarget[]): void
  onRemove(index: number): void
}

/** Ordered targets of a group, lightest first; "any provider" serves the model wherever it is. */
export function GroupTargetsEditor({ targets, unavailable, onChange, onRemove }: Props) {
  const set = (i: number, target: GroupTarget) =>
    onChange(targets.map((t, j) => (j === i ? target : t)))
  return (
    <div className="stack">
      {targets.map((t, i) => (
        <div className="row" key={i}>
          <span className="rule-index">{i + 1}</span>
          <div className="grow">
            <ModelPicker
              anyProvider
              label={`Target ${i + 1}`}
              placeholder="Pick a model, or type its name…"
              value={t.model ? t : null}
              onChange={(target) => set(i, target)}
            />
          </div>
          {unavailable.includes(t.model) && (
            <span className="field-error small">no provider serves it</span>
          )}
          <button
            type="button"
            className="icon ghost danger"
            aria-label={`Remove target ${i + 1}`}
            disabled={targets.length === 1}
            onClick={() => onRemove(i)}
          >
            ✕
          </button>
        </div>
      ))}
      <div>
        <button
          type="button"
          className="ghost"
          disabled={targets.length >= 16}
          onClick={() => onChange([...targets, { provider: null, model: '' }])}
        >
          + Target
        </button>
      </div>
    </div>
  )
}
