import type { LearnedExample, Persona, PersonaAccuracy } from '../../../shared/schemas.ts'
import { formatTime } from '../lib/format.ts'
import { useAction } from '../lib/use-action.ts'
import { usePersonas } from '../stores/personas.ts'
import { ErrorNote } from './ErrorNote.tsx'

/** "12 checked, 10 right": how the classifier did on the requests the user marked. */
export function accuracySummary(a: PersonaAccuracy): string {
  if (a.checked === 0 && a.missed === 0) return 'no decisions checked yet'
  const parts = [`${a.checked} checked, ${a.right} right`]
  if (a.missed > 0) parts.push(`${a.missed} missed`)
  return parts.join(' · ')
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text)

function origin(e: LearnedExample): string {
  return e.source === 'request'
    ? `corrected from a request${e.requestAt ? ` at ${formatTime(e.requestAt)}` : ''}`
    : `corrected in the test box at ${formatTime(e.createdAt)}`
}

/** A persona's examples, typed and learned from corrections, each removable, with its accuracy. */
export function PersonaExamples({ persona: p }: { persona: Persona }) {
  const update = usePersonas((s) => s.update)
  const removeExample = usePersonas((s) => s.removeExample)
  const remove = useAction(async (what: { typed: number } | { learned: number }) => {
    if ('typed' in what)
      await update({ id: p.id, examples: p.examples.filter((_, i) => i !== what.typed) })
    else await removeExample(p.id, what.learned)
  })
  const count = p.examples.length + p.learnedExamples.length
  const rows = [
    ...p.examples.map((text, i) => ({ key: `t${i}`, text, from: 'typed', what: { typed: i } })),
    ...p.learnedExamples.map((e) => ({
      key: `l${e.id}`,
      text: e.text,
      from: origin(e),
      what: { learned: e.id },
    })),
  ]
  return (
    <details className="examples">
      <summary className="small">
        {count} example {count === 1 ? 'prompt' : 'prompts'}
        {p.learnedExamples.length > 0 && ` (${p.learnedExamples.length} from corrections)`} ·{' '}
        <span data-testid="persona-accuracy">{accuracySummary(p.accuracy)}</span>
      </summary>
      {rows.length === 0 ? (
        <p className="muted small">
          No examples yet. Type some in Edit, or mark decisions right or wrong in Activity.
        </p>
      ) : (
        <ul className="stack tight" aria-label={`Examples of ${p.name}`}>
          {rows.map((r) => (
            <li key={r.key} className="row">
              <span className="truncate" title={r.text}>
                {r.text}
              </span>
              <span className="muted small">{r.from}</span>
              <button
                type="button"
                className="danger"
                aria-label={`Remove example “${short(r.text)}”`}
                disabled={remove.pending}
                onClick={() => void remove.run(r.what)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={remove.error} />
    </details>
  )
}
