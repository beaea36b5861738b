import { useState, type FormEvent } from 'react'
import type { ModelGroup } from '../../../shared/groups.ts'
import { fromGroupDraft, removeTarget, toGroupDraft, type GroupDraft } from '../lib/group-draft.ts'
import { useAction } from '../lib/use-action.ts'
import { useGroups } from '../stores/groups.ts'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'
import { GroupTargetsEditor } from './GroupTargetsEditor.tsx'
import { HeuristicRulesEditor } from './HeuristicRulesEditor.tsx'
import { ModelPicker } from './ModelPicker.tsx'

interface Props {
  group: ModelGroup | null
  onDone(): void
}

/** Create or edit a model group: targets, strategy, heuristic rules and the rating model. */
export function GroupForm({ group, onDone }: Props) {
  const create = useGroups((s) => s.create)
  const update = useGroups((s) => s.update)
  const [d, setD] = useState<GroupDraft>(() => toGroupDraft(group))
  const set = (patch: Partial<GroupDraft>) => setD((x) => ({ ...x, ...patch }))
  const save = useAction(async () => {
    const input = fromGroupDraft(d)
    if (group) await update(input)
    else await create(input)
    onDone()
  })
  function submit(e: FormEvent) {
    e.preventDefault()
    void save.run()
  }
  return (
    <form className="stack" onSubmit={submit} aria-label={group ? 'Edit group' : 'New group'}>
      <div className="grid-2">
        <Field
          label="Name"
          hint="Clients send it as the model name; rules can target it too."
          error={save.param === 'id' ? save.error : null}
        >
          <input
            className="mono"
            value={d.id}
            disabled={!!group}
            placeholder="smart-coder"
            onChange={(e) => set({ id: e.target.value })}
          />
        </Field>
        <Field label="Strategy">
          <select
            value={d.strategy}
            onChange={(e) => set({ strategy: e.target.value as GroupDraft['strategy'] })}
          >
            <option value="heuristic">Heuristic (words, length, files)</option>
            <option value="classifier">Classifier (a model rates difficulty)</option>
          </select>
        </Field>
      </div>
      <div className="stack">
        <strong className="small">Targets, lightest first</strong>
        <GroupTargetsEditor
          targets={d.targets}
          unavailable={group?.unavailable ?? []}
          onChange={(targets) => set({ targets })}
          onRemove={(i) => setD((x) => removeTarget(x, i))}
        />
      </div>
      <div className="stack">
        <strong className="small">
          Heuristic rules{d.strategy === 'classifier' ? ' (used when the classifier fails)' : ''}
        </strong>
        <HeuristicRulesEditor
          rules={d.rules}
          targets={d.targets}
          onChange={(rules) => set({ rules })}
        />
      </div>
      {d.strategy === 'classifier' && (
        <div className="stack">
          <strong className="small">Rating model</strong>
          <label className="check">
            <input
              type="radio"
              name="source"
              checked={d.source === 'local'}
              onChange={() => set({ source: 'local' })}
            />
            The local generative model (free, stays on this machine)
          </label>
          <label className="check">
            <input
              type="radio"
              name="source"
              checked={d.source === 'provider'}
              onChange={() => set({ source: 'provider' })}
            />
            A provider's model (spends tokens on every request)
          </label>
          {d.source === 'provider' && (
            <ModelPicker
              label="Rating model"
              value={d.raterTarget}
              onChange={(raterTarget) => set({ raterTarget })}
            />
          )}
        </div>
      )}
      <ErrorNote error={save.param === 'id' ? null : save.error} />
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.pending}>
          {group ? 'Save' : 'Create group'}
        </button>
      </div>
    </form>
  )
}
