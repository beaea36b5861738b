import { BrowserWindow, dialog, shell } from 'electron'
import { join } from 'node:path'
import { guardNavigation, isPermissionAllowed, windowWebPreferences } from './window-security.ts'

/** Opens the management window: hardened, shown once painted, links to the browser. */
export function createMainWindow(dir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Switchboard',
    webPreferences: windowWebPreferences(join(dir, '../preload/index.cjs')),
  })
  win.once('ready-to-show', () => win.show())
  // The page has unsaved changes (beforeunload): Electron shows no prompt of its own, so ask here.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      message: 'Leave with unsaved changes?',
      detail: 'Changes you have not saved are lost.',
    })
    if (choice === 0) event.preventDefault()
  })
  guardNavigation(win.webContents, (url) => shell.openExternal(url))
  win.webContents.session.setPermissionRequestHandler((_contents, permission, grant) =>
    grant(isPermissionAllowed(permission)),
  )
  const devUrl = process.env.ELECTRON_RENDERER_URL
  if (devUrl) void win.loadURL(devUrl)
  else void win.loadFile(join(dir, '../renderer/index.html'))
  return win
}
