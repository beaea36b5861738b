// src/main/index.ts end to end with a real core: `electron` is a recorder (no binary here), the
// rest is the app as it runs: single-instance lock, tray, window, IPC, notifications and quit.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createCore } from '../../src/main/core/core.ts'
import { findFreePort } from '../../src/main/free-port.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

type Fn = (...args: unknown[]) => unknown
interface MenuItem {
  label?: string
  type?: string
  checked?: boolean
  click?: () => void
}

const fake = vi.hoisted(() => {
  const handlers = new Map<string, Fn[]>()
  const emit = (event: string, ...args: unknown[]) => {
    for (const h of handlers.get(event) ?? []) h(...args)
  }
  return {
    lock: true,
    userData: '',
    handlers,
    emit,
    quit: vi.fn(() => emit('before-quit', { preventDefault: fake.preventQuit })),
    preventQuit: vi.fn(),
    exit: vi.fn(),
    windows: [] as { closed: boolean; focus: Fn; close: () => void; webContents: object }[],
    trays: [] as { tooltip: string; menu: MenuItem[]; destroyed: boolean }[],
    notifications: [] as string[],
    ipc: new Map<string, Fn>(),
    dock: { show: vi.fn(async () => {}), hide: vi.fn() },
  }
})

vi.mock('electron', () => {
  class BrowserWindow {
    closed = false
    listeners = new Map<string, Fn>()
    webContents = {
      setWindowOpenHandler: () => {},
      on: () => {},
      getURL: () => '',
      isDestroyed: () => this.closed,
      send: () => {},
      session: { setPermissionRequestHandler: () => {} },
    }
    focus = vi.fn()
    constructor() {
      fake.windows.push(this)
    }
    on(event: string, h: Fn) {
      this.listeners.set(event, h)
    }
    once(event: string, h: Fn) {
      this.listeners.set(event, h)
    }
    isDestroyed = () => this.closed
    isMinimized = () => false
    show() {}
    loadFile = async () => {}
    loadURL = async () => {}
    close() {
      this.closed = true
      this.listeners.get('closed')?.()
      fake.emit('window-all-closed')
    }
  }
  class Tray {
    tooltip = ''
    menu: MenuItem[] = []
    destroyed = false
    constructor() {
      fake.trays.push(this)
    }
    setToolTip(t: string) {
      this.tooltip = t
    }
    setContextMenu(m: MenuItem[]) {
      this.menu = m
    }
    setImage() {}
    on() {}
    destroy() {
      this.destroyed = true
    }
  }
  class Notification {
    static isSupported = () => true
    body: string
    constructor(options: { body: string }) {
      this.body = options.body
    }
    show() {
      fake.notifications.push(this.body)
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => fake.lock,
      on: (event: string, h: Fn) =>
        fake.handlers.set(event, [...(fake.handlers.get(event) ?? []), h]),
      quit: fake.quit,
      exit: fake.exit,
      whenReady: async () => {},
      getPath: () => fake.userData,
      isPackaged: false,
      setAppUserModelId: () => {},
      setLoginItemSettings: () => {},
      dock: fake.dock,
    },
    dialog: { showErrorBox: vi.fn() },
    BrowserWindow,
    Tray,
    Menu: { buildFromTemplate: (template: MenuItem[]) => template },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    nativeTheme: { shouldUseDarkColors: false, on: () => {}, off: () => {} },
    clipboard: { writeText: vi.fn() },
    Notification,
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(plain),
      decryptString: (sealed: Buffer) => sealed.toString(),
    },
    ipcMain: {
      handle: (channel: string, h: Fn) => fake.ipc.set(channel, h),
      removeHandler: (channel: string) => fake.ipc.delete(channel),
    },
    shell: { openExternal: vi.fn() },
  }
})

const temp = makeTempDir()
let port: number

beforeAll(async () => {
  fake.userData = temp.dir
  // Like a returning user's saved port, but a free one, so the test never holds 8989.
  port = (await findFreePort(20_000 + Math.floor(Math.random() * 20_000)))!
  const seed = createCore({ dataDir: temp.dir, port: 0 })
  await seed.start()
  await seed.api.createWorkspace({ name: 'backend' })
  await seed.api.updateSettings({ port, notifyOnWorkspaceSwitch: true })
  await seed.close()
})
afterAll(() => temp.cleanup())

const tray = () => fake.trays.at(-1)!
const item = (label: string) => tray().menu.find((i) => i.label === label)

describe('the app lifecycle', () => {
  it('quits at once when another instance holds the lock', async () => {
    fake.lock = false
    vi.resetModules()
    await import('../../src/main/index.ts')
    expect(fake.quit).toHaveBeenCalledTimes(1)
    expect(fake.handlers.size).toBe(0)
    fake.quit.mockClear()
    fake.lock = true
  })

  it('starts the core with the saved port, a tray and, on first run, the window', async () => {
    vi.resetModules()
    await import('../../src/main/index.ts')
    await vi.waitFor(() => expect(fake.trays.length).toBe(1), { timeout: 10_000 })
    await vi.waitFor(() => expect(fake.windows.length).toBe(1))
    expect(existsSync(join(temp.dir, '.launched'))).toBe(true)
    expect(tray().tooltip).toBe('Switchboard — workspace: default')
    expect(item(`http://localhost:${port}/v1/mux`)).toBeDefined()
    expect(fake.ipc.size).toBeGreaterThan(10)
    const res = await fetch(`http://127.0.0.1:${port}/v1/mux/models`)
    expect(res.status).toBeLessThan(500)
  })

  it('focuses the first instance when launched again', () => {
    fake.emit('second-instance')
    expect(fake.windows.length).toBe(1)
    expect(fake.windows[0]!.focus).toHaveBeenCalled()
  })

  it('keeps running when the window closes, hiding the dock icon on macOS', () => {
    fake.windows[0]!.close()
    expect(fake.quit).not.toHaveBeenCalled()
    if (process.platform === 'darwin') expect(fake.dock.hide).toHaveBeenCalled()
    item('Open Switchboard')!.click!()
    expect(fake.windows.length).toBe(2)
  })

  it('activates a workspace from the tray: menu, tooltip and a notification follow', async () => {
    item('backend')!.click!()
    await vi.waitFor(() => expect(tray().tooltip).toBe('Switchboard — workspace: backend'))
    expect(item('backend')!.checked).toBe(true)
    expect(item('default')!.checked).toBe(false)
    expect(fake.notifications).toEqual(['Workspace: backend'])
  })

  it('stops the core cleanly on Quit: the port is released, handlers removed, tray gone', async () => {
    item('Quit Switchboard')!.click!()
    expect(fake.preventQuit).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(fake.quit).toHaveBeenCalledTimes(2), { timeout: 15_000 })
    // The second before-quit lets Electron exit.
    expect(fake.preventQuit).toHaveBeenCalledTimes(1)
    expect(tray().destroyed).toBe(true)
    expect(fake.ipc.size).toBe(0)
    await expect(fetch(`http://127.0.0.1:${port}/v1/mux/models`)).rejects.toThrow()
  })
})
