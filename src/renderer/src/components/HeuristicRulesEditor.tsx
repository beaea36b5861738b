import type { GroupTarget, HeuristicRule } from '../../../shared/groups.ts'

interface Props {
  rules: HeuristicRule[]
  targets: GroupTarget[]
  onChange(rules: HeuristicRule[]): void
}

/** "If the prompt contains … use target n": checked in order before the built-in signals. */
export function HeuristicRulesEditor({ rules, targets, onChange }: Props) {
  const set = (i: number, patch: Partial<HeuristicRule>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <div className="stack">
      {rules.map((r, i) => (
        <div className="row" key={i}>
          <span className="muted small">If the prompt has</span>
          <input
            className="mono grow"
            aria-label={`Rule ${i + 1} pattern`}
            placeholder="word, phrase or /regex/"
            value={r.pattern}
            onChange={(e) => set(i, { pattern: e.target.value })}
          />
          <span className="muted small">use</span>
          <select
            className="inline-select"
            aria-label={`Rule ${i + 1} target`}
            value={r.target}
            onChange={(e) => set(i, { target: Number(e.target.value) })}
          >
            {targets.map((t, j) => (
              <option key={j} value={j}>
                {j + 1}. {t.model || '(unnamed)'}
              </option>
            ))}
          </select>
          <label className="check small">
            <input
              type="checkbox"
              checked={r.caseSensitive}
              onChange={(e) => set(i, { caseSensitive: e.target.checked })}
            />
            Aa
          </label>
          <button
            type="button"
            className="icon ghost danger"
            aria-label={`Remove rule ${i + 1}`}
            onClick={() => onChange(rules.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </div>
      ))}
      <div>
        <button
          type="button"
          className="ghost"
          onClick={() =>
            onChange([
              ...rules,
              { pattern: '', target: Math.max(0, targets.length - 1), caseSensitive: false },
            ])
          }
        >
          + Rule
        </button>
      </div>
    </div>
  )
}
