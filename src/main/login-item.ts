import { app } from 'electron'
import { setLinuxAutostart } from './linux-autostart.ts'

/** Starts Switchboard at login (or stops doing so); the app then opens to the tray, no window. */
export function setStartAtLogin(enabled: boolean): void {
  // Development runs (electron .) would register the bare Electron binary.
  if (!app.isPackaged) return
  if (process.platform === 'linux') {
    setLinuxAutostart(enabled, process.env.APPIMAGE ?? process.execPath)
    return
  }
  app.setLoginItemSettings({ openAtLogin: enabled })
}
