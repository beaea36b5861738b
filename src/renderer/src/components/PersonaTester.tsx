import { useEffect, useState } from 'react'
import type { OperationOutput } from '../../../shared/contract.ts'
import { api } from '../api.ts'
import { servingLabel } from '../lib/serving-engine.ts'
import { useModels } from '../stores/models.ts'
import { errorMessage } from '../transport/types.ts'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'
import { PersonaVerdict } from './PersonaVerdict.tsx'

type Result = OperationOutput<'testPersonas'>
type Engine = Result['engine']

/** Type a prompt, see every persona's score as you type (debounced), from any engine. */
export function PersonaTester() {
  const [prompt, setPrompt] = useState('')
  const [engine, setEngine] = useState<Engine | ''>('')
  const [result, setResult] = useState<Result | null>(null)
  const [error, setError] = useState<string | null>(null)
  // By default, test with the engine that answers requests right now.
  const classifier = useModels((s) => s.classifier)
  const serving = classifier?.servingEngine
  const chosen = engine || serving

  useEffect(() => {
    if (!prompt.trim()) {
      setResult(null)
      setError(null)
      return
    }
    let live = true
    const timer = setTimeout(() => {
      api()
        .testPersonas({ prompt, engine: chosen })
        .then(
          (r) => live && (setResult(r), setError(null)),
          (e: unknown) => live && setError(errorMessage(e)),
        )
    }, 300)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [prompt, chosen])

  const scores = [...(result?.scores ?? [])].sort((a, b) => b.score - a.score)
  const routed = scores.find((s) => s.personaId === result?.personaId)
  return (
    <section className="panel" aria-labelledby="tester-title">
      <div className="panel-head">
        <h2 id="tester-title">Test a prompt</h2>
        <label className="row small">
          Engine
          <select
            value={engine}
            onChange={(e) => setEngine(e.target.value as Engine | '')}
            className="inline-select"
          >
            <option value="">Serving now{serving ? ` (${serving})` : ''}</option>
            <option value="lexical">Lexical</option>
            <option value="embedding">Embedding</option>
            <option value="generative">Generative</option>
          </select>
        </label>
      </div>
      {classifier && (
        <p className="muted small" data-testid="serving-engine">
          Requests are classified by: {servingLabel(classifier)}
        </p>
      )}
      <Field label="Prompt">
        <textarea
          value={prompt}
          placeholder="Type a prompt as an IDE would send it; scores update as you type."
          onChange={(e) => setPrompt(e.target.value)}
        />
      </Field>
      <ErrorNote error={error ?? result?.error} />
      {result && (
        <div className="stack" aria-live="polite" data-testid="persona-scores">
          <span className="muted small">
            {result.engine} engine · {Math.round(result.ms)} ms
          </span>
          {!result.error && scores.length > 0 && (
            <strong data-testid="persona-verdict">
              {routed ? `Routes as ${routed.name}` : 'No persona'}
              {!routed && result.abstained && (
                <span className="muted small"> · {result.abstained}</span>
              )}
            </strong>
          )}
          {scores.length === 0 && <span className="muted">No personas to score yet.</span>}
          {scores.map((s) => (
            <div className={`score-bar ${s === routed ? 'best' : ''}`} key={s.personaId}>
              <span className="truncate">{s.name}</span>
              {/* Scores are 0..1 (cosine for embedding): a bar's length is its score, not its rank. */}
              <div className="track" aria-hidden="true">
                <div style={{ width: `${Math.min(100, Math.max(0, s.score * 100))}%` }} />
              </div>
              <span className="num mono">{s.score.toFixed(2)}</span>
            </div>
          ))}
          {scores.length > 0 && !result.error && (
            <PersonaVerdict
              key={prompt}
              text={prompt}
              chosen={
                scores[0]!.score > 0 ? { id: scores[0]!.personaId, name: scores[0]!.name } : null
              }
            />
          )}
        </div>
      )}
    </section>
  )
}
