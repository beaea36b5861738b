import { BrowserWindow, shell } from 'electron'
import { join } from 'node:path'

/** The security options of the management window: isolated, sandboxed, no Node in the page. */
export const windowWebPreferences = (preload: string) => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
})

/** Opens the management window; external links go to the browser and navigation away is blocked. */
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
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== win.webContents.getURL()) event.preventDefault()
  })
  const devUrl = process.env.ELECTRON_RENDERER_URL
  if (devUrl) void win.loadURL(devUrl)
  else void win.loadFile(join(dir, '../renderer/index.html'))
  return win
}
