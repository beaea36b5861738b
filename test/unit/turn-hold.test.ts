import { describe, expect, it } from 'vitest'
import type { Decision } from '../../src/shared/activity.ts'
import type { ProviderRecord } from '../../src/main/core/db/provider-repo.ts'
import { parseInbound } from '../../src/main/core/mux/inbound.ts'
import { holdTurn } from '../../src/main/core/mux/turn-hold.ts'
import type { CompiledWorkspace } from '../../src/main/core/routing/compile-rules.ts'
import { createTurnStore } from '../../src/main/core/routing/turn-store.ts'

const workspace: CompiledWorkspace = {
  id: 'w1',
  name: 'default',
  rules: [],
  catchAll: null,
  holdDecisionForTurn: true,
}
const decision: Decision = {
  workspace: 'default',
  via: 'rules',
  rule: { id: 'catch-all', index: null, kind: 'catch-all', label: 'catch-all' },
  target: { provider: 'oai', model: 'gpt-4o-mini' },
  fallbacks: [
    { provider: 'gone', model: 'x' },
    { provider: 'local', model: 'llama3.2' },
  ],
  requestType: 'chat',
  files: [],
  matchedFile: null,
  classification: null,
  group: null,
  turn: null,
  why: 'catch-all',
  decisionMs: 1,
}
const first = [{ role: 'user', content: 'Fix the header' }]
const continued = [
  ...first,
  { role: 'assistant', content: 'Reading.' },
  { role: 'user', content: "[read_file for 'src/App.tsx'] Result:\nexport function App() {}" },
]

function world(providers: string[]) {
  const known = new Set(providers)
  const turns = createTurnStore()
  const deps = {
    turns,
    rules: { version: () => 1 },
    provider: (id: string) => (known.has(id) ? ({ id } as ProviderRecord) : undefined),
  }
  const hold = (messages: unknown[], ws: CompiledWorkspace | null = workspace) =>
    holdTurn(parseInbound('chat', { model: 'switchboard', messages }), ws, deps)
  return { known, turns, hold }
}

describe('holding a decision for a turn', () => {
  it('recalls the turn for a continuation, without fallbacks whose provider is gone', () => {
    const { hold } = world(['oai', 'local'])
    expect(hold(first)!.recall()).toBeUndefined()
    const marked = hold(first)!.remember(decision)
    expect(marked.turn).toEqual({ continued: false, decidedAt: expect.any(String) })
    expect(hold(continued)!.recall()).toMatchObject({
      target: decision.target,
      fallbacks: [{ provider: 'local', model: 'llama3.2' }],
      turn: { continued: true, decidedAt: marked.turn!.decidedAt },
    })
  })

  it('decides afresh when the target provider was deleted', () => {
    const { hold, known } = world(['oai', 'local'])
    hold(first)!.remember(decision)
    known.delete('oai')
    expect(hold(continued)!.recall()).toBeUndefined()
  })

  it('holds nothing for completions, without a workspace, or with the setting off', () => {
    const { hold, turns } = world(['oai'])
    expect(hold(first, null)).toBeNull()
    expect(hold(first, { ...workspace, holdDecisionForTurn: false })).toBeNull()
    const fim = parseInbound('completions', { model: 'switchboard', prompt: 'def f(' })
    expect(
      holdTurn(fim, workspace, { turns, rules: { version: () => 1 }, provider: () => undefined }),
    ).toBeNull()
  })
})
