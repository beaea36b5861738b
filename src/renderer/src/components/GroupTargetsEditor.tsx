import type { GroupTarget } from '../../../shared/groups.ts'
import { useProviders } from '../stores/providers.ts'

interface Props {
  targets: GroupTarget[]
  unavailable: string[]
  onChange(targets: GroupTarget[]): void
  onRemove(index: number): void
}

/** Ordered targets of a group, lightest first; "any provider" serves the model wherever it is. */
export function GroupTargetsEditor({ targets, unavailable, onChange, onRemove }: Props) {
  const providers = useProviders((s) => s.providers)
  const allModels = [...new Set(providers.flatMap((p) => p.models.map((m) => m.id)))].sort()
  const set = (i: number, patch: Partial<GroupTarget>) =>
    onChange(targets.map((t, j) => (j === i ? { ...t, ...patch } : t)))
  return (
    <div className="stack">
      <datalist id="group-models">
        {allModels.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      {targets.map((t, i) => (
        <div className="row" key={i}>
          <span className="rule-index">{i + 1}</span>
          <select
            className="inline-select"
            aria-label={`Target ${i + 1} provider`}
            value={t.provider ?? ''}
            onChange={(e) => set(i, { provider: e.target.value || null })}
          >
            <option value="">Any provider</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <input
            className="mono grow"
            aria-label={`Target ${i + 1} model`}
            list="group-models"
            placeholder="model name, e.g. qwen2.5-coder:7b"
            value={t.model}
            onChange={(e) => set(i, { model: e.target.value })}
          />
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
