// Electron entry: lifecycle, single-instance lock, window, tray and IPC. The product lives in core/.
import { app, dialog, type BrowserWindow } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { applyAppSettings } from './apply-settings.ts'
import { createCore, type Core } from './core/core.ts'
import { takeFirstRun } from './first-run.ts'
import { wireIpc } from './ipc.ts'
import { setStartAtLogin } from './login-item.ts'
import { appSecrets } from './secrets.ts'
import { notifyOnWorkspaceSwitch } from './switch-notifier.ts'
import { createAppTray } from './tray.ts'
import { iconsDir } from './tray-icon.ts'
import { createMainWindow } from './window.ts'

const here = dirname(fileURLToPath(import.meta.url))
const isMac = process.platform === 'darwin'
let core: Core | undefined
let window: BrowserWindow | undefined
const disposers: (() => void)[] = []
let phase: 'running' | 'stopping' | 'stopped' = 'running'

function showWindow(): void {
  if (isMac) void app.dock?.show()
  if (!window || window.isDestroyed()) {
    window = createMainWindow(here)
    // Closing the window leaves the app in the tray, without a dock icon on macOS.
    window.on('closed', () => {
      window = undefined
      if (isMac) app.dock?.hide()
    })
  } else {
    if (window.isMinimized()) window.restore()
    window.show()
  }
  window.focus()
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData')
  try {
    core = createCore({
      dataDir,
      secrets: appSecrets(),
      // The bundle's own location decides: core's repo-relative defaults do not hold in out/main.
      resourcesDir: app.isPackaged ? process.resourcesPath : join(here, '../../resources'),
      uiDir: join(here, '../renderer'),
    })
  } catch (err) {
    // Typically another Switchboard (e.g. `npm run serve`) holds the data dir.
    dialog.showErrorBox('Switchboard cannot start', (err as Error).message)
    phase = 'stopped'
    app.exit(1)
    return
  }
  const firstRun = takeFirstRun(dataDir)
  const own = () => (window && !window.isDestroyed() ? [window.webContents] : [])
  disposers.push(wireIpc(core, own))
  // A taken port is a status, not a failure: the tray and the window say so and offer another.
  const status = await core.start()
  disposers.push(applyAppSettings(core, { setStartAtLogin }))
  disposers.push(notifyOnWorkspaceSwitch(core))
  disposers.push(
    await createAppTray({
      core,
      iconsDir: iconsDir(app.isPackaged, process.resourcesPath, here),
      openWindow: showWindow,
      quit: () => app.quit(),
    }),
  )
  if (firstRun || status.state === 'error') showWindow()
  else if (isMac) app.dock?.hide()
}

/** Stops tray, IPC and core (in-flight requests finish) before the process exits. */
async function stop(): Promise<void> {
  for (const dispose of disposers.splice(0).reverse()) dispose()
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 15_000).unref())
  await Promise.race([core?.close(), timeout])
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', showWindow)
  app.on('activate', showWindow)
  app.on('window-all-closed', () => {
    // Keep running: the proxy serves IDEs while the window is closed. Quit is in the tray.
  })
  app.on('before-quit', (event) => {
    if (phase === 'stopped') return
    event.preventDefault()
    if (phase === 'stopping') return
    phase = 'stopping'
    void stop().finally(() => {
      phase = 'stopped'
      app.quit()
    })
  })
  if (process.platform === 'win32') app.setAppUserModelId('dev.switchboard.app')
  void app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Switchboard failed to start', String((err as Error)?.stack ?? err))
      app.exit(1)
    })
}
