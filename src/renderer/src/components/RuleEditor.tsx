import { useEffect, useRef, useState } from 'react'
import type { CatchAll, Rule, Workspace } from '../../../shared/schemas.ts'
import {
  draftProblem,
  move,
  newRule,
  ruleIndexOf,
  toDraft,
  toRules,
  type DraftRule,
} from '../lib/rule-draft.ts'
import { useAction } from '../lib/use-action.ts'
import { useUnsaved } from '../stores/unsaved.ts'
import { useWorkspaces } from '../stores/workspaces.ts'
import { CatchAllRow } from './CatchAllRow.tsx'
import { ErrorNote } from './ErrorNote.tsx'
import { RuleRow } from './RuleRow.tsx'

/** The rules on screen while they differ from the saved ones; null when nothing is unsaved. */
export interface RulesDraft {
  rules: DraftRule[]
  catchAll: CatchAll | null
}

interface Props {
  workspace: Workspace
  /** Told the draft as it changes (null once saved or discarded), e.g. for Try it. */
  onDraft?(draft: RulesDraft | null): void
}

/** The ordered rules of one workspace plus its catch-all, edited as a draft and saved together. */
export function RuleEditor({ workspace, onDraft }: Props) {
  const saveRules = useWorkspaces((s) => s.saveRules)
  const saveCatchAll = useWorkspaces((s) => s.saveCatchAll)
  const [rules, setRules] = useState<DraftRule[]>(() => toDraft(workspace))
  const [catchAll, setCatchAll] = useState<CatchAll | null>(workspace.catchAll)
  const [dirty, setDirty] = useState(false)
  const [problem, setProblem] = useState<{ index: number; message: string } | null>(null)
  const [drag, setDrag] = useState<{ from: number; over: number | null } | null>(null)
  const focusKey = useRef<string | null>(null)

  // A save here or a change elsewhere (another window, the API) replaces the draft when clean.
  useEffect(() => {
    if (dirty) return
    setRules(toDraft(workspace))
    setCatchAll(workspace.catchAll)
  }, [workspace, dirty])

  useEffect(() => {
    if (!focusKey.current) return
    const el = document.querySelector<HTMLElement>(
      `[data-rule-key="${focusKey.current}"] .drag-handle`,
    )
    el?.focus()
    focusKey.current = null
  })

  const edit = (next: DraftRule[]) => {
    setRules(next)
    setDirty(true)
    setProblem(null)
    // The error was about the draft before this edit; the next save checks again.
    save.reset()
  }
  const moveRule = (from: number, to: number) => {
    focusKey.current = rules[from]?.key ?? null
    edit(move(rules, from, to))
  }

  const save = useAction(async (): Promise<boolean> => {
    const p = draftProblem(rules)
    if (p) {
      setProblem(p)
      return false
    }
    await saveRules(workspace.name, toRules(rules))
    const sameCatchAll = JSON.stringify(catchAll) === JSON.stringify(workspace.catchAll)
    if (!sameCatchAll) await saveCatchAll(workspace.name, catchAll)
    setDirty(false)
    return true
  })
  const discard = () => {
    setRules(toDraft(workspace))
    setCatchAll(workspace.catchAll)
    setDirty(false)
    setProblem(null)
    save.reset()
  }
  // Leaving the page, switching workspace or closing the window asks first while this is dirty.
  const guardId = `rules:${workspace.id}`
  const mark = useUnsaved((s) => s.mark)
  const saveRef = useRef(save.run)
  saveRef.current = save.run
  const discardRef = useRef(discard)
  discardRef.current = discard
  useEffect(() => {
    mark(
      guardId,
      dirty
        ? {
            label: `Rules of ${workspace.name}`,
            save: async () => (await saveRef.current()) === true,
            discard: () => discardRef.current(),
          }
        : null,
    )
  }, [dirty, guardId, workspace.name, mark])
  useEffect(() => () => mark(guardId, null), [guardId, mark])
  useEffect(() => onDraft?.(dirty ? { rules, catchAll } : null), [dirty, rules, catchAll, onDraft])
  const errorIndex = problem?.index ?? ruleIndexOf(save.param)
  const rowError = (i: number) =>
    problem?.index === i ? problem.message : errorIndex === i ? save.error : null
  const catchAllError = save.param?.startsWith('catchAll') ? save.error : null
  const generalError = errorIndex === null && !catchAllError ? save.error : null

  const add = (kind: Rule['kind']) => edit([...rules, newRule(kind)])
  return (
    <section className="panel" aria-labelledby="rules-title">
      <div className="panel-head">
        <div>
          <h2 id="rules-title">Rules</h2>
          <p className="muted small">
            Top to bottom, the first rule that matches picks the model. Cheap rules first: the
            persona classifier only runs when a persona rule is reached.
          </p>
        </div>
        <div className="row">
          {dirty && <span className="muted small">Unsaved changes</span>}
          <button type="button" disabled={!dirty} onClick={discard}>
            Discard
          </button>
          <button
            type="button"
            className="primary"
            disabled={!dirty || save.pending}
            onClick={() => void save.run()}
          >
            {save.pending ? 'Saving…' : 'Save rules'}
          </button>
        </div>
      </div>
      <ol className="rule-list combo-items" aria-label="Rules">
        {rules.map((rule, i) => (
          <RuleRow
            key={rule.key}
            rule={rule}
            index={i}
            count={rules.length}
            error={rowError(i)}
            dragging={drag?.from === i}
            dropTarget={drag !== null && drag.over === i && drag.from !== i}
            onChange={(r) => edit(rules.map((x, j) => (j === i ? r : x)))}
            onMove={(to) => moveRule(i, to)}
            onRemove={() => edit(rules.filter((_, j) => j !== i))}
            onDragStart={() => setDrag({ from: i, over: null })}
            onDragOver={() => setDrag((d) => (d && d.over !== i ? { ...d, over: i } : d))}
            onDrop={() => {
              if (drag) moveRule(drag.from, i)
              setDrag(null)
            }}
            onDragEnd={() => setDrag(null)}
          />
        ))}
        <CatchAllRow
          value={catchAll}
          error={catchAllError}
          onChange={(c) => {
            setCatchAll(c)
            setDirty(true)
            save.reset()
          }}
        />
      </ol>
      {rules.length === 0 && (
        <p className="muted small">
          No rules yet: every request goes to the catch-all. Add a rule to send some requests
          elsewhere, e.g. <code>.tsx</code> files to a frontend model or autocomplete to a small
          local one.
        </p>
      )}
      <ErrorNote error={generalError} />
      <div className="row">
        <button type="button" onClick={() => add('filename')}>
          + File name rule
        </button>
        <button type="button" onClick={() => add('persona')}>
          + Persona rule
        </button>
        <button type="button" onClick={() => add('request-type')}>
          + Request type rule
        </button>
        <button type="button" onClick={() => add('model')}>
          + Requested model rule
        </button>
        <button type="button" onClick={() => add('context')}>
          + Context size rule
        </button>
        <button type="button" onClick={() => add('thinking')}>
          + Thinking rule
        </button>
        <button type="button" onClick={() => add('images')}>
          + Images rule
        </button>
        <button type="button" onClick={() => add('tools')}>
          + Tools rule
        </button>
      </div>
    </section>
  )
}
