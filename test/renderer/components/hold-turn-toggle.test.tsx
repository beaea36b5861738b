import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installDom } from './happy-dom.ts'
import type { RequestLogEntry } from '../../../src/shared/activity.ts'
import { startTestCore, type TestCore } from '../../helpers/test-core.ts'

// A real core behind the component: the core loads in Node first, then happy-dom provides the
// DOM, and React with the components load after it (react-dom looks for a DOM when it loads).
let t: TestCore
let dom: { close(): Promise<void> }
beforeAll(async () => {
  t = await startTestCore()
  dom = await installDom()
})
afterAll(async () => {
  await dom.close()
  await t.close()
})
const ui = async () => ({
  ...(await import('react')),
  ...(await import('./render.ts')),
  ...(await import('../../../src/renderer/src/api.ts')),
  ...(await import('../../../src/renderer/src/components/HoldTurnToggle.tsx')),
  ...(await import('../../../src/renderer/src/components/RequestRow.tsx')),
  ...(await import('../../../src/renderer/src/stores/workspaces.ts')),
})

describe('HoldTurnToggle', () => {
  it('shows the workspace option and saves it in the core when toggled', async () => {
    const { act, render, clickAndSettle, setTransport, HoldTurnToggle, useWorkspaces } = await ui()
    // The in-process contract stands in for the preload bridge: the same api the window calls.
    setTransport({
      kind: 'ipc',
      api: t.core.api,
      onEvent: () => () => {},
      onLink: () => () => {},
      close() {},
    })
    await act(() => useWorkspaces.getState().open('default'))
    function Host() {
      const current = useWorkspaces((s) => s.current)
      return current ? <HoldTurnToggle workspace={current} /> : null
    }
    const r = render(<Host />)
    const box = () => r.container.querySelector<HTMLInputElement>('input[type="checkbox"]')!
    expect(r.container.textContent).toContain('Keep one model for a whole turn')
    expect(box().checked).toBe(true)
    await clickAndSettle(box())
    expect((await t.core.api.getWorkspace({ name: 'default' })).holdDecisionForTurn).toBe(false)
    expect(box().checked).toBe(false)
    await clickAndSettle(box())
    expect((await t.core.api.getWorkspace({ name: 'default' })).holdDecisionForTurn).toBe(true)
    expect(box().checked).toBe(true)

    // Renamed elsewhere meanwhile: the core's message shows in place, nothing changes.
    await t.core.api.renameWorkspace({ name: 'default', newName: 'main' })
    await clickAndSettle(box())
    expect(r.container.textContent).toContain('No workspace named "default"')
    expect((await t.core.api.getWorkspace({ name: 'main' })).holdDecisionForTurn).toBe(true)
    r.unmount()
    setTransport(null)
  })
})

describe('a request log row of a continued turn', () => {
  it('says which turn it continued and when that turn was decided', async () => {
    const { render, RequestRow } = await ui()
    const decidedAt = new Date(2026, 0, 1, 14, 3, 9).toISOString()
    const entry: RequestLogEntry = {
      id: 1,
      at: decidedAt,
      route: 'chat',
      client: 'claude-code',
      clientFormat: 'anthropic',
      requestedModel: 'claude-opus-4-1',
      stream: true,
      workspace: 'default',
      requestType: 'chat',
      files: ['src/App.tsx'],
      rule: 'catch-all',
      why: 'no rule matched; catch-all',
      classification: null,
      group: null,
      turn: { continued: true, decidedAt },
      provider: 'oai',
      model: 'gpt-4o-mini',
      attempts: [],
      status: 200,
      error: null,
      latencyMs: 12,
      firstTokenMs: 5,
      tokensIn: 1,
      tokensOut: 1,
      tokensCached: null,
      costUsd: null,
      keyId: null,
      ruleKind: 'persona',
    }
    const r = render(
      <table>
        <tbody>
          <RequestRow entry={entry} expanded onToggle={() => {}} />
        </tbody>
      </table>,
    )
    expect(r.container.textContent).toContain('continuation of the turn decided at 14:03:09')
    r.unmount()
  })
})
