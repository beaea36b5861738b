import { useEffect, useId, useState } from 'react'
import type { OperationOutput } from '../../../shared/contract.ts'
import { api } from '../api.ts'
import { useAction } from '../lib/use-action.ts'
import { usePersonas } from '../stores/personas.ts'
import { ErrorNote } from './ErrorNote.tsx'

type Source = { requestId: number; text?: undefined } | { text: string; requestId?: undefined }

type Props = Source & {
  /** The persona the classifier chose; null: it recognised none. */
  chosen: { id: string; name: string } | null
}

const NONE = ''

/**
 * Was the persona decision right? A wrong one asks for the right persona (or none of them); the
 * ask then becomes an example of that persona, read by the classifier from the next request on.
 */
export function PersonaVerdict({ chosen, ...source }: Props) {
  const personas = usePersonas((s) => s.personas)
  const [pickingRight, setPickingRight] = useState(false)
  const others = personas.filter((p) => p.id !== chosen?.id)
  const [picked, setPicked] = useState<string | null>(null)
  const right = picked ?? others[0]?.id ?? NONE
  const [done, setDone] = useState<OperationOutput<'correctPersonaDecision'> | null>(null)
  const [askGone, setAskGone] = useState(false)
  const selectId = useId()
  const requestId = source.requestId

  // A request's text is kept in memory only for a while: say so before the user decides.
  useEffect(() => {
    if (requestId === undefined) return
    let live = true
    api()
      .getRequestAsk({ requestId })
      .then(
        (r) => live && setAskGone(r.text === null),
        () => undefined,
      )
    return () => {
      live = false
    }
  }, [requestId])

  const send = useAction(async (verdict: 'right' | 'wrong', personaId: string | null) => {
    const input =
      source.requestId !== undefined
        ? { requestId: source.requestId, verdict, personaId }
        : { text: source.text!, verdict, personaId }
    setDone(await api().correctPersonaDecision(input))
  })

  const gone = askGone && (
    <p className="muted small" role="note">
      The text of this request is no longer available; add an example by hand on the Personas page.
    </p>
  )
  if (done) {
    return (
      <div className="stack tight" data-testid="persona-verdict">
        <ErrorNote kind={done.askAvailable ? 'ok' : 'warn'} error={done.message} />
      </div>
    )
  }
  // In the test box, "no persona" teaches nothing unless the user says which one it was.
  const canSayRight = chosen !== null || source.requestId !== undefined
  return (
    <div className="stack tight" data-testid="persona-verdict">
      {gone}
      {!pickingRight ? (
        <div className="row" role="group" aria-label="Was the persona right?">
          <span className="small">
            {chosen ? `Was “${chosen.name}” the right persona?` : 'No persona was recognised.'}
          </span>
          {canSayRight && (
            <button
              type="button"
              disabled={send.pending}
              onClick={() => void send.run('right', chosen?.id ?? null)}
            >
              {chosen ? 'Right' : 'Right, none fits'}
            </button>
          )}
          <button type="button" disabled={send.pending} onClick={() => setPickingRight(true)}>
            {chosen ? 'Wrong' : 'It was one of them'}
          </button>
        </div>
      ) : (
        <div className="row" role="group" aria-label="The right persona">
          <label htmlFor={selectId} className="small">
            The right persona
          </label>
          <select
            id={selectId}
            className="inline-select"
            value={right}
            onChange={(e) => setPicked(e.target.value)}
          >
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            {chosen && source.requestId !== undefined && <option value={NONE}>None of them</option>}
          </select>
          <button
            type="button"
            className="primary"
            disabled={send.pending || (right === NONE && source.text !== undefined)}
            onClick={() => void send.run('wrong', right === NONE ? null : right)}
          >
            Save
          </button>
          <button type="button" onClick={() => setPickingRight(false)}>
            Cancel
          </button>
        </div>
      )}
      <ErrorNote error={send.error} />
    </div>
  )
}
