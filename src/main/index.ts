// Electron entry: lifecycle, single-instance lock, window and IPC. The product lives in core/.
import { app, BrowserWindow } from 'electron'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore, type Core } from './core/core.ts'
import { wireIpc } from './ipc.ts'
import { safeStorageSecrets } from './secrets.ts'
import { createMainWindow } from './window.ts'

const here = dirname(fileURLToPath(import.meta.url))
let core: Core | undefined
let window: BrowserWindow | undefined

function showWindow(): void {
  if (!window || window.isDestroyed()) window = createMainWindow(here)
  else window.show()
  window.focus()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', showWindow)
  app.on('window-all-closed', () => {
    // Keep running: the proxy serves IDEs while the window is closed.
  })
  app.on('before-quit', () => void core?.close())
  void app.whenReady().then(async () => {
    core = createCore({ dataDir: app.getPath('userData'), secrets: safeStorageSecrets })
    wireIpc(core, () => BrowserWindow.getAllWindows().map((w) => w.webContents))
    await core.start()
    showWindow()
  })
}
