// The tray's state against a real core: activation from anywhere shows at once, and a taken port
// leaves the app up with another port offered and used.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createServer, type Server } from 'node:net'
import { applyAppSettings } from '../../src/main/apply-settings.ts'
import { createCore, type Core } from '../../src/main/core/core.ts'
import { findFreePort } from '../../src/main/free-port.ts'
import { buildTrayMenu, trayTooltip } from '../../src/main/tray-menu.ts'
import { createTrayModel, type TrayModel } from '../../src/main/tray-model.ts'
import type { TrayState } from '../../src/main/tray-state.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function follow(core: Core) {
  const states: TrayState[] = []
  const model: TrayModel = await createTrayModel(
    {
      api: core.api,
      events: core.events,
      server: core.server,
      settings: core.settings,
      findFreePort,
    },
    (s) => states.push(s),
  )
  cleanups.push(() => model.dispose())
  return { model, states }
}

const checked = (s: TrayState) =>
  buildTrayMenu(s)
    .filter((i) => i.type === 'radio' && i.checked)
    .map((i) => i.label)

describe('tray state from a real core', () => {
  let t: TestCore

  it('follows activation from the API, REST and the tray alike', async () => {
    t = await startTestCore()
    cleanups.push(() => t.close())
    await t.core.api.createWorkspace({ name: 'backend' })
    const { model } = await follow(t.core)
    expect(checked(model.state())).toEqual(['default'])
    expect(model.state().workspaces.map((w) => w.name)).toEqual(['backend', 'default'].sort())

    await t.core.api.activateWorkspace({ name: 'backend' }) // the window, over IPC, calls this
    expect(checked(model.state())).toEqual(['backend'])
    expect(trayTooltip(model.state())).toBe('Switchboard — workspace: backend')

    const res = await t.api('/workspaces/active', {
      method: 'POST',
      body: JSON.stringify({ name: 'default' }),
    })
    expect(res.status).toBe(200)
    expect(checked(model.state())).toEqual(['default'])

    await t.core.api.createWorkspace({ name: 'frontend' })
    expect(model.state().workspaces.map((w) => w.name)).toContain('frontend')
  })

  it('shows the endpoint of the running proxy and the classifier', async () => {
    t = await startTestCore()
    cleanups.push(() => t.close())
    const { model } = await follow(t.core)
    const port = (t.core.server.status() as { port: number }).port
    const labels = buildTrayMenu(model.state()).map((i) => i.label)
    expect(labels).toContain(`http://localhost:${port}/v1/mux`)
    expect(labels.some((l) => l?.startsWith('Classifier:'))).toBe(true)
  })
})

describe('port in use at start', () => {
  it('stays up, says so, offers a free port, and moves there when chosen', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)))
    const busy = (blocker.address() as { port: number }).port

    const temp = makeTempDir()
    cleanups.push(() => temp.cleanup())
    // A previous run saved the port that another program now holds.
    const previous = createCore({ dataDir: temp.dir, port: 0 })
    await previous.start()
    await previous.api.updateSettings({ port: busy })
    await previous.close()
    const core = createCore({ dataDir: temp.dir })
    cleanups.push(() => core.close())
    const status = await core.start()
    expect(status).toMatchObject({ state: 'error', code: 'port_in_use' })
    const setStartAtLogin = vi.fn()
    cleanups.push(applyAppSettings(core, { setStartAtLogin }))

    const { model } = await follow(core)
    await vi.waitFor(() => expect(model.state().suggestedPort).not.toBeNull())
    const offered = model.state().suggestedPort!
    const menu = buildTrayMenu(model.state())
    expect(menu.map((i) => i.label)).toContain(`Proxy: port ${busy} is in use`)
    expect(trayTooltip(model.state())).toContain(`port ${busy} in use`)
    const use = menu.find((i) => i.action?.type === 'usePort')
    expect(use?.action).toEqual({ type: 'usePort', port: offered })

    // The management API still answers while the proxy is down.
    expect((await core.api.getStatus({})).server).toMatchObject({ code: 'port_in_use' })

    // What the tray's "Use port" item does: save the port; main then listens there.
    await core.api.updateSettings({ port: offered })
    await vi.waitFor(() => expect(core.server.status()).toMatchObject({ state: 'listening' }))
    expect(core.server.status()).toMatchObject({ port: offered })
    expect(model.state().suggestedPort).toBeNull()
    expect(buildTrayMenu(model.state()).map((i) => i.label)).toContain(
      `http://localhost:${offered}/v1/mux`,
    )
    const res = await fetch(`http://127.0.0.1:${offered}/api/v1/status`)
    expect(res.status).toBe(401) // up, and still asking for the admin token

    // A new bind address moves the proxy too (another loopback address here).
    await core.api.updateSettings({ bindAddress: '127.0.0.2' })
    await vi.waitFor(() =>
      expect(core.server.status()).toMatchObject({ state: 'listening', host: '127.0.0.2' }),
    )
    expect((await fetch(`http://127.0.0.2:${offered}/api/v1/status`)).status).toBe(401)
  })

  it('applies startAtLogin at start and whenever it changes', async () => {
    const temp = makeTempDir()
    cleanups.push(() => temp.cleanup())
    const core = createCore({ dataDir: temp.dir, port: 0 })
    cleanups.push(() => core.close())
    await core.start()
    const setStartAtLogin = vi.fn()
    cleanups.push(applyAppSettings(core, { setStartAtLogin }))
    expect(setStartAtLogin.mock.calls).toEqual([[false]])
    await core.api.updateSettings({ startAtLogin: true })
    await core.api.updateSettings({ notifyOnWorkspaceSwitch: true })
    expect(setStartAtLogin.mock.calls).toEqual([[false], [true]])
  })
})
