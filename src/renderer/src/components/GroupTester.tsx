import { useState, type FormEvent } from 'react'
import type { OperationOutput } from '../../../shared/contract.ts'
import { api } from '../api.ts'
import { formatMs, target } from '../lib/format.ts'
import { useAction } from '../lib/use-action.ts'
import { ErrorNote } from './ErrorNote.tsx'

/** Which target a group would pick for a prompt, without calling it. */
export function GroupTester({ groupId }: { groupId: string }) {
  const [prompt, setPrompt] = useState('')
  const [result, setResult] = useState<OperationOutput<'testGroup'> | null>(null)
  const test = useAction(async () => setResult(await api().testGroup({ id: groupId, prompt })))
  function submit(e: FormEvent) {
    e.preventDefault()
    void test.run()
  }
  return (
    <form className="stack" onSubmit={submit}>
      <div className="row">
        <input
          className="grow"
          aria-label={`Test prompt for ${groupId}`}
          placeholder="Try a prompt…"
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
        />
        <button type="submit" disabled={test.pending || !prompt.trim()}>
          Test
        </button>
      </div>
      <ErrorNote error={test.error} />
      {result && !test.error && (
        <div className="decision small" data-testid={`group-result-${groupId}`}>
          <div>
            <strong className="mono">{target(result.target)}</strong> (target{' '}
            {result.targetIndex + 1}) · {formatMs(result.ms)}
          </div>
          <div className="muted">{result.reason}</div>
        </div>
      )}
    </form>
  )
}
