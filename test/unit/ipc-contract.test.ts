// The preload and main expose and handle exactly the contract, checked from the contract itself.
// Electron cannot run here, so `electron` is a small fake that connects ipcRenderer to ipcMain
// in-process; everything behind it (the bridge, wireIpc, validation, a real core) is real.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { contract } from '../../src/shared/contract.ts'
import { EVENT_CHANNEL, type IpcResult } from '../../src/shared/ipc.ts'
import { operationNames } from '../../src/shared/operation-names.ts'
import { createCore, type Core } from '../../src/main/core/core.ts'
import type { Bridge } from '../../src/preload/bridge.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

type Handler = (event: unknown, input: unknown) => Promise<IpcResult>
type Listener = (event: unknown, ...args: unknown[]) => void

const fake = vi.hoisted(() => {
  const frame = (name: string) => ({ name })
  const contents = (name: string) => {
    const mainFrame = frame(`${name}-main`)
    return { name, mainFrame, sent: [] as unknown[][], isDestroyed: () => false, send: vi.fn() }
  }
  return {
    handlers: new Map<string, Handler>(),
    listeners: new Map<string, Set<Listener>>(),
    exposed: {} as Record<string, unknown>,
    own: contents('own'),
    stranger: contents('stranger'),
    iframe: frame('iframe'),
    /** Who the next invoke comes from: the app's window by default. */
    from: { sender: null as unknown, senderFrame: null as unknown },
  }
})

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      fake.handlers.set(channel, handler)
    },
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      const handler = fake.handlers.get(channel)
      if (!handler) throw new Error(`No handler registered for '${channel}'`)
      const event = {
        sender: fake.from.sender ?? fake.own,
        senderFrame: fake.from.senderFrame ?? fake.own.mainFrame,
      }
      // Like Electron: only cloneable data crosses.
      return structuredClone(await handler(event, structuredClone(input)))
    },
    on: (channel: string, listener: Listener) => {
      if (!fake.listeners.has(channel)) fake.listeners.set(channel, new Set())
      fake.listeners.get(channel)!.add(listener)
    },
    off: (channel: string, listener: Listener) => fake.listeners.get(channel)?.delete(listener),
  },
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => (fake.exposed[key] = value),
  },
}))

const contractNames = Object.keys(contract)
let core: Core
let temp: { dir: string; cleanup: () => void }
let unwire: () => void
let bridge: Bridge

beforeAll(async () => {
  temp = makeTempDir()
  core = createCore({ dataDir: temp.dir, port: 0 })
  await core.start()
  // webContents.send reaches the preload's listeners, as in a real window.
  fake.own.send.mockImplementation((channel: string, ...args: unknown[]) => {
    for (const l of fake.listeners.get(channel) ?? []) l({}, ...structuredClone(args))
  })
  const { wireIpc } = await import('../../src/main/ipc.ts')
  unwire = wireIpc(core, () => [fake.own as never])
  await import('../../src/preload/index.ts')
  bridge = fake.exposed.switchboard as Bridge
})

afterAll(async () => {
  unwire?.()
  await core?.close()
  temp?.cleanup()
})

async function outcome(run: () => Promise<IpcResult>): Promise<{ code: string; message: string }> {
  const result = await run()
  return result.ok
    ? { code: 'ok', message: '' }
    : { code: result.error.code, message: result.error.message }
}

async function value<T>(run: Promise<IpcResult<T>>): Promise<T> {
  const result = await run
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('IPC contract', () => {
  it('lists in operation-names exactly the contract operations (regenerate it if not)', () => {
    expect([...operationNames]).toEqual(contractNames)
  })

  it('preload exposes only `api` and `onEvent`, and api has one function per operation', () => {
    expect(Object.keys(fake.exposed)).toEqual(['switchboard'])
    expect(Object.keys(bridge).sort()).toEqual(['api', 'onEvent'])
    expect(Object.keys(bridge.api).sort()).toEqual([...contractNames].sort())
    for (const name of contractNames)
      expect(typeof bridge.api[name as keyof Bridge['api']]).toBe('function')
  })

  it('main handles exactly one channel per operation, plus nothing else', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...contractNames].sort())
  })

  it('every operation reaches its handler in main through the preload', async () => {
    for (const name of contractNames) {
      const call = bridge.api[name as keyof Bridge['api']] as (input: unknown) => Promise<IpcResult>
      const result = await outcome(() => call({}))
      // Either it ran, or the contract's schema refused the empty input: never "unknown operation".
      expect(['ok', 'invalid_request', 'not_found'], `${name}: ${result.message}`).toContain(
        result.code,
      )
      expect(result.message).not.toMatch(/Unknown operation|Unknown sender/)
    }
  })

  it('validates inputs in main with the contract schema and returns typed values', async () => {
    const bad = await outcome(() => bridge.api.createWorkspace({ name: '  ' }))
    expect(bad.code).toBe('invalid_request')
    expect(bad.message).toMatch(/"name"/)
    const created = await value(bridge.api.createWorkspace({ name: 'backend' }))
    expect(created).toMatchObject({ name: 'backend', active: false })
    const port = await outcome(() => bridge.api.updateSettings({ port: 70_000 }))
    expect(port.code).toBe('invalid_request')
  })

  it('gives the renderer errors with their code and field, which contextBridge would drop from a throw', async () => {
    const { ipcTransport } = await import('../../src/renderer/src/transport/ipc-transport.ts')
    const host = globalThis as unknown as { switchboard?: Bridge }
    host.switchboard = bridge
    try {
      const transport = ipcTransport()!
      await expect(transport.api.createWorkspace({ name: '  ' })).rejects.toMatchObject({
        name: 'ApiError',
        code: 'invalid_request',
        param: 'name',
      })
      expect((await transport.api.getActiveWorkspace({})).name).toBe('default')
    } finally {
      delete host.switchboard
    }
  })

  it('ignores calls from other web contents and from frames inside the window', async () => {
    const before = (await value(bridge.api.listWorkspaces({}))).length
    try {
      fake.from.sender = fake.stranger
      fake.from.senderFrame = fake.stranger.mainFrame
      expect((await outcome(() => bridge.api.createWorkspace({ name: 'evil' }))).code).toBe(
        'forbidden',
      )
      fake.from.sender = fake.own
      fake.from.senderFrame = fake.iframe
      expect((await outcome(() => bridge.api.createWorkspace({ name: 'evil' }))).code).toBe(
        'forbidden',
      )
    } finally {
      fake.from.sender = null
      fake.from.senderFrame = null
    }
    expect((await value(bridge.api.listWorkspaces({}))).length).toBe(before)
  })

  it('pushes core events to the window, where onEvent delivers them until unsubscribed', async () => {
    const seen: unknown[] = []
    const off = bridge.onEvent((event, payload) => seen.push([event, payload]))
    await bridge.api.activateWorkspace({ name: 'backend' })
    expect(seen).toContainEqual(['workspaceActivated', { name: 'backend' }])
    expect(fake.own.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'workspaceActivated', {
      name: 'backend',
    })
    off()
    const count = seen.length
    await bridge.api.activateWorkspace({ name: 'default' })
    expect(seen.length).toBe(count)
  })

  it('keeps zod out of the preload: it imports the plain name list, never the contract', () => {
    const sources = [
      'src/preload/index.ts',
      'src/preload/bridge.ts',
      'src/shared/operation-names.ts',
    ]
    for (const file of sources) {
      const text = readFileSync(file, 'utf8')
      expect(text, file).not.toMatch(/^import (?!type)[^\n]*(contract|zod)/m)
    }
  })

  it('removes every handler when unwired', async () => {
    const { wireIpc } = await import('../../src/main/ipc.ts')
    unwire()
    expect(fake.handlers.size).toBe(0)
    unwire = wireIpc(core, () => [fake.own as never])
    expect(fake.handlers.size).toBe(contractNames.length)
  })
})
