// The management window's security options and guards, with `electron` replaced by a recorder.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  isAppPage,
  isExternalLink,
  isPermissionAllowed,
  windowWebPreferences,
} from '../../src/main/window-security.ts'

type Handler = (...args: unknown[]) => unknown

const fake = vi.hoisted(() => ({
  windows: [] as {
    options: Record<string, unknown>
    once: Map<string, Handler>
    on: Map<string, Handler>
    openHandler?: Handler
    permissionHandler?: Handler
    url: string
    loaded: string[]
    show: () => void
  }[],
  opened: [] as string[],
}))

vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof fake.windows)[number]
    webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      const record: (typeof fake.windows)[number] = {
        options,
        once: new Map(),
        on: new Map(),
        url: 'file:///app/out/renderer/index.html',
        loaded: [],
        show: vi.fn(),
      }
      this.record = record
      fake.windows.push(record)
      this.webContents = {
        setWindowOpenHandler: (h: Handler) => (record.openHandler = h),
        on: (event: string, h: Handler) => record.on.set(event, h),
        getURL: () => record.url,
        session: { setPermissionRequestHandler: (h: Handler) => (record.permissionHandler = h) },
      }
    }
    once(event: string, h: Handler) {
      this.record.once.set(event, h)
    }
    show() {
      this.record.show()
    }
    loadFile(path: string) {
      this.record.loaded.push(path)
      return Promise.resolve()
    }
    loadURL(url: string) {
      this.record.loaded.push(url)
      return Promise.resolve()
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal: (url: string) => fake.opened.push(url) },
  }
})

const { createMainWindow } = await import('../../src/main/window.ts')

function open() {
  createMainWindow('/app/out/main')
  return fake.windows.at(-1)!
}

const navigate = (win: ReturnType<typeof open>, event: string, url: string) => {
  const e = { preventDefault: vi.fn() }
  win.on.get(event)!(e, url)
  return e.preventDefault.mock.calls.length > 0
}

beforeEach(() => {
  fake.windows.length = 0
  fake.opened.length = 0
  delete process.env.ELECTRON_RENDERER_URL
})

describe('window security options', () => {
  it('isolates and sandboxes the page, with no Node anywhere and no <webview>', () => {
    const prefs = windowWebPreferences('/x/preload/index.cjs')
    expect(prefs).toMatchObject({
      preload: '/x/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('creates the window with those options, the CJS preload, hidden until painted', () => {
    const win = open()
    const prefs = win.options.webPreferences as Record<string, unknown>
    expect(prefs).toEqual(windowWebPreferences(join('/app/out/preload/index.cjs')))
    expect(win.options.show).toBe(false)
    expect(win.loaded).toEqual([join('/app/out/renderer/index.html')])
    win.once.get('ready-to-show')!()
    expect(win.show).toHaveBeenCalled()
  })

  it('denies every new window; web links open in the browser instead', () => {
    const win = open()
    const answer = (url: string) => win.openHandler!({ url })
    expect(answer('https://github.com/x')).toEqual({ action: 'deny' })
    expect(answer('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(answer('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(fake.opened).toEqual(['https://github.com/x'])
  })

  it('blocks navigation away from the app page, sending web links to the browser', () => {
    const win = open()
    expect(navigate(win, 'will-navigate', 'https://evil.example/')).toBe(true)
    expect(navigate(win, 'will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(navigate(win, 'will-redirect', 'http://localhost:1/')).toBe(true)
    expect(navigate(win, 'will-navigate', 'file:///app/out/renderer/index.html#/providers')).toBe(
      false,
    )
    expect(fake.opened).toEqual(['https://evil.example/'])
  })

  it('refuses <webview> and every permission but clipboard writes', () => {
    const win = open()
    const e = { preventDefault: vi.fn() }
    win.on.get('will-attach-webview')!(e)
    expect(e.preventDefault).toHaveBeenCalled()
    const ask = (permission: string) => {
      const grant = vi.fn()
      win.permissionHandler!({}, permission, grant)
      return grant.mock.calls[0]![0]
    }
    expect(ask('clipboard-sanitized-write')).toBe(true)
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read'])
      expect(ask(p), p).toBe(false)
    expect(isPermissionAllowed('fullscreen')).toBe(false)
  })

  it('loads the dev server URL in development, and only that page may be reloaded', () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173'
    const win = open()
    expect(win.loaded).toEqual(['http://localhost:5173'])
    expect(isAppPage('http://localhost:5173/#/models', 'http://localhost:5173/')).toBe(true)
    expect(isAppPage('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isAppPage('not a url', 'http://localhost:5173/')).toBe(false)
    expect(isExternalLink('mailto:a@b.c')).toBe(true)
    expect(isExternalLink('file:///x')).toBe(false)
  })
})

describe('content security policy of the renderer page', () => {
  it('allows only the app’s own scripts: no inline or eval scripts, no remote origins', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(csp).toBeDefined()
    const directives = Object.fromEntries(
      csp!.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/)
        return [name, values]
      }),
    )
    expect(directives['default-src']).toEqual(["'self'"])
    expect(directives['script-src']).toEqual(["'self'"])
    expect(csp).not.toMatch(/unsafe-eval|\*|https?:/)
  })
})
