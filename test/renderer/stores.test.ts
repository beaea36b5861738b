import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setTransport } from '../../src/renderer/src/api.ts'
import { useActivity } from '../../src/renderer/src/stores/activity.ts'
import { useGroups } from '../../src/renderer/src/stores/groups.ts'
import { useProviders } from '../../src/renderer/src/stores/providers.ts'
import { useSettings } from '../../src/renderer/src/stores/settings.ts'
import { useStatus } from '../../src/renderer/src/stores/status.ts'
import { loadAll, wireEvents } from '../../src/renderer/src/stores/wire-events.ts'
import { useWorkspaces } from '../../src/renderer/src/stores/workspaces.ts'
import { createHttpTransport } from '../../src/renderer/src/transport/http-transport.ts'
import { startFakeOllama, type FakeUpstream } from '../helpers/fake-upstreams.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// Main owns the data: the stores load it through the contract and then follow the core's events,
// whoever made the change (here: the in-process API, as the tray or a script would).

describe('stores mirror the core', () => {
  let t: TestCore
  let up: FakeUpstream
  let unwire: () => void

  beforeAll(async () => {
    t = await startTestCore()
    up = await startFakeOllama()
    const transport = createHttpTransport({ origin: t.url, token: t.core.adminToken })
    setTransport(transport)
    await new Promise<void>((resolve) => {
      unwire = wireEvents(transport, (s) => s === 'open' && resolve())
    })
    await loadAll()
  })
  afterAll(async () => {
    unwire()
    setTransport(null)
    await t.close()
    await up.close()
  })

  it('loads status, workspaces and the active workspace for the editor', () => {
    expect(useStatus.getState().status?.activeWorkspace).toBe('default')
    expect(useWorkspaces.getState().workspaces.map((w) => w.name)).toEqual(['default'])
    expect(useWorkspaces.getState().current?.name).toBe('default')
  })

  it('follows providers, workspaces and activation changed elsewhere', async () => {
    await t.core.api.createProvider({
      id: 'local',
      name: 'Ollama',
      kind: 'ollama',
      endpoint: up.url,
    })
    await expect.poll(() => useProviders.getState().providers.map((p) => p.id)).toEqual(['local'])

    await t.core.api.createWorkspace({ name: 'backend' })
    await expect
      .poll(() =>
        useWorkspaces
          .getState()
          .workspaces.map((w) => w.name)
          .sort(),
      )
      .toEqual(['backend', 'default'])

    await t.core.api.activateWorkspace({ name: 'backend' })
    await expect.poll(() => useStatus.getState().status?.activeWorkspace).toBe('backend')
    expect(useWorkspaces.getState().workspaces.find((w) => w.active)?.name).toBe('backend')
  })

  it('follows settings and group availability changed elsewhere', async () => {
    await t.core.api.updateSettings({ discoveryTimeoutMs: 4321 })
    await expect.poll(() => useSettings.getState().settings?.discoveryTimeoutMs).toBe(4321)
    // Adding the Ollama provider above re-checked the groups: `auto` appeared over its model.
    expect(useGroups.getState().groups.find((g) => g.id === 'auto')?.targets).toEqual([
      { provider: 'local', model: 'qwen2.5-coder:7b' },
    ])
  })

  it('saves rules through the contract and shows the saved workspace', async () => {
    const ws = await useWorkspaces.getState().saveRules('backend', [
      {
        kind: 'request-type',
        requestType: 'fim',
        target: { provider: 'local', model: 'qwen2.5-coder:7b' },
        fallbacks: [],
      },
    ])
    expect(ws.rules).toHaveLength(1)
    expect(useWorkspaces.getState().current?.rules[0]?.id).toBeTruthy()
  })

  it('reloads the open workspace when its rules change elsewhere', async () => {
    expect(useWorkspaces.getState().current?.name).toBe('backend')
    await t.core.api.setRules({ name: 'backend', rules: [] })
    await expect.poll(() => useWorkspaces.getState().current?.rules.length).toBe(0)
  })

  it('prepends logged requests that match the filters, and skips the rest', async () => {
    await t.core.api.setCatchAll({
      name: 'backend',
      catchAll: { target: { provider: 'local', model: 'qwen2.5-coder:7b' }, fallbacks: [] },
    })
    await useActivity.getState().setFilters({ status: 'error' })
    const send = () =>
      fetch(`${t.url}/v1/mux/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'switchboard', messages: [{ role: 'user', content: 'hi' }] }),
      }).then((r) => r.text())
    await send()
    await new Promise((r) => setTimeout(r, 500))
    expect(useActivity.getState().requests).toEqual([])
    await useActivity.getState().setFilters({ status: '' })
    expect(useActivity.getState().requests).toHaveLength(1)
    await send()
    await expect.poll(() => useActivity.getState().requests.length).toBe(2)
    expect(useActivity.getState().requests[0]!.id).toBeGreaterThan(
      useActivity.getState().requests[1]!.id,
    )
  })
})
