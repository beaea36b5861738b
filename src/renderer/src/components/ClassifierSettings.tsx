import type { Settings } from '../../../shared/schemas.ts'
import { useAction } from '../lib/use-action.ts'
import { useSettings } from '../stores/settings.ts'
import { ClassifierSummary } from './ClassifierSummary.tsx'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'
import { NumberField } from './NumberField.tsx'

/** Engine, cascade and thresholds of the persona classifier; each change saves at once. */
export function ClassifierSettings() {
  const settings = useSettings((s) => s.settings)
  const update = useAction(useSettings((s) => s.update))
  if (!settings) return null
  const set = (patch: Partial<Settings>) => void update.run(patch)
  const err = (key: keyof Settings) => (update.param === key ? update.error : null)
  return (
    <section className="panel" aria-labelledby="engine-title">
      <h2 id="engine-title">Classifier</h2>
      <ClassifierSummary />
      <div className="grid-2">
        <Field
          label="Engine"
          hint="Lexical needs no model. Embedding compares meanings; generative asks a small LLM."
        >
          <select
            value={settings.classifierEngine}
            onChange={(e) =>
              set({ classifierEngine: e.target.value as Settings['classifierEngine'] })
            }
          >
            <option value="lexical">Lexical (keywords, instant)</option>
            <option value="embedding">Embedding model</option>
            <option value="generative">Generative model</option>
          </select>
        </Field>
        <NumberField
          label="Timeout (ms)"
          hint="Past this, persona rules are skipped for the request."
          value={settings.classifierTimeoutMs}
          min={10}
          max={60_000}
          error={err('classifierTimeoutMs')}
          onCommit={(v) => set({ classifierTimeoutMs: v })}
        />
        <NumberField
          label="Cascade: lexical decides alone at margin ≥"
          value={settings.cascadeDecisiveMargin}
          step={0.01}
          min={0}
          max={1}
          error={err('cascadeDecisiveMargin')}
          onCommit={(v) => set({ cascadeDecisiveMargin: v })}
        />
        <NumberField
          label="Lexical: minimum score"
          hint="Below this score: no persona. Calibrate with npm run calibrate:personas."
          value={settings.lexicalMinScore}
          step={0.01}
          min={0}
          max={1}
          error={err('lexicalMinScore')}
          onCommit={(v) => set({ lexicalMinScore: v })}
        />
        <NumberField
          label="Lexical: minimum margin"
          hint="Below this lead over the runner-up: no persona."
          value={settings.lexicalMinMargin}
          step={0.01}
          min={0}
          max={1}
          error={err('lexicalMinMargin')}
          onCommit={(v) => set({ lexicalMinMargin: v })}
        />
        <NumberField
          label="Embedding: minimum score"
          hint="Below this cosine score: no persona."
          value={settings.embeddingMinScore}
          step={0.01}
          min={-1}
          max={1}
          error={err('embeddingMinScore')}
          onCommit={(v) => set({ embeddingMinScore: v })}
        />
        <NumberField
          label="Embedding: minimum margin"
          hint="Below this lead over the runner-up: no persona."
          value={settings.embeddingMinMargin}
          step={0.01}
          min={0}
          max={2}
          error={err('embeddingMinMargin')}
          onCommit={(v) => set({ embeddingMinMargin: v })}
        />
        <NumberField
          label="Embedding: tokens read"
          hint="The start of the ask, up to this many tokens of model input, [CLS] and [SEP] included (the model's window caps it). 128 is what MiniLM was trained on; fewer is faster."
          value={settings.embeddingTokenBudget}
          min={16}
          max={8_192}
          error={err('embeddingTokenBudget')}
          onCommit={(v) => set({ embeddingTokenBudget: v })}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.classifierCascade}
          onChange={(e) => set({ classifierCascade: e.target.checked })}
        />
        Cascade: let the lexical engine answer first when it is sure
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.personaAffinity}
          onChange={(e) => set({ personaAffinity: e.target.checked })}
        />
        Keep a conversation's persona for its following turns
      </label>
      <ErrorNote error={update.param ? null : update.error} />
    </section>
  )
}
