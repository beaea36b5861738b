import { useState, type FormEvent } from 'react'
import type { Decision } from '../../../shared/activity.ts'
import { api } from '../api.ts'
import { completeRules } from '../lib/rule-draft.ts'
import { trySamples } from '../lib/try-samples.ts'
import { useAction } from '../lib/use-action.ts'
import { DecisionView } from './DecisionView.tsx'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'
import type { RulesDraft } from './RuleEditor.tsx'

interface Props {
  workspace: string
  /** The editor's unsaved rules: when set, the preview routes by them, not the saved ones. */
  draft?: RulesDraft | null
}

/** Shows where a prompt would be routed, and why, without calling any provider. */
export function TryIt({ workspace, draft }: Props) {
  const [sampleId, setSampleId] = useState(trySamples[0]!.id)
  const [prompt, setPrompt] = useState('')
  const [file, setFile] = useState('')
  const [raw, setRaw] = useState(false)
  const [decision, setDecision] = useState<Decision | null>(null)
  const [byDraft, setByDraft] = useState<{ incomplete: number[] } | null>(null)
  const sample = trySamples.find((s) => s.id === sampleId) ?? trySamples[0]!

  const preview = useAction(async () => {
    let body: Record<string, unknown>
    let route = sample.route
    if (raw) {
      try {
        body = JSON.parse(prompt) as Record<string, unknown>
      } catch {
        throw new Error('That is not valid JSON. Paste a request body, e.g. {"messages": [...]}.')
      }
      // Anthropic bodies carry `system` or `max_tokens` beside messages; completions carry `prompt`.
      route =
        'prompt' in body
          ? 'completions'
          : 'max_tokens' in body && 'system' in body
            ? 'messages'
            : 'chat'
    } else {
      if (!prompt.trim()) throw new Error('Type a prompt to see where it would go.')
      body = sample.build(prompt, file.trim())
    }
    const complete = draft ? completeRules(draft.rules) : null
    const next = await api().previewRoute({
      body,
      route,
      workspace,
      draft: complete ? { rules: complete.rules, catchAll: draft!.catchAll } : undefined,
    })
    setDecision(next)
    setByDraft(complete && { incomplete: complete.incomplete })
  })

  function submit(e: FormEvent) {
    e.preventDefault()
    void preview.run()
  }
  return (
    <section className="panel" aria-labelledby="try-title">
      <div className="panel-head">
        <h2 id="try-title">Try it</h2>
        <label className="check small">
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} />
          Paste a raw request body (JSON)
        </label>
      </div>
      <form className="stack" onSubmit={submit}>
        {!raw && (
          <div className="grid-2">
            <Field label="Sent as">
              <select value={sampleId} onChange={(e) => setSampleId(e.target.value)}>
                {trySamples.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              label="Open file (optional)"
              hint="Filename rules match files named in the prompt."
            >
              <input
                className="mono"
                value={file}
                placeholder="src/components/Button.tsx"
                onChange={(e) => setFile(e.target.value)}
              />
            </Field>
          </div>
        )}
        <Field label={raw ? 'Request body' : 'Prompt'}>
          <textarea
            aria-label={raw ? 'Request body' : 'Prompt'}
            value={prompt}
            placeholder={
              raw
                ? '{"model": "switchboard", "messages": [{"role": "user", "content": "..."}]}'
                : 'Why does this useEffect run twice?'
            }
            onChange={(e) => setPrompt(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e)
            }}
          />
        </Field>
        <div className="row">
          <button type="submit" className="primary" disabled={preview.pending}>
            {preview.pending ? 'Routing…' : 'Show route'}
          </button>
          <span className="muted small">
            Ctrl+Enter · nothing is sent to a provider; the persona classifier runs locally.
          </span>
        </div>
      </form>
      <ErrorNote error={preview.error} />
      {decision && !preview.error && byDraft && (
        <p className="muted small" data-testid="try-draft-note">
          Routed by the rules on screen, not saved yet
          {byDraft.incomplete.length > 0 &&
            ` (rule ${byDraft.incomplete.join(', ')} left out until complete)`}
          .
        </p>
      )}
      {decision && !preview.error && <DecisionView decision={decision} />}
    </section>
  )
}
