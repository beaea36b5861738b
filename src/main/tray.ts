// The system tray: icon, tooltip and a menu rebuilt from TrayState on every change.
import { clipboard, Menu, nativeImage, nativeTheme, Tray } from 'electron'
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import type { Core } from './core/core.ts'
import { findFreePort } from './free-port.ts'
import { trayIconFile } from './tray-icon.ts'
import { buildTrayMenu, trayTooltip, type TrayAction, type TrayMenuItem } from './tray-menu.ts'
import { createTrayModel } from './tray-model.ts'

export interface AppTrayOptions {
  core: Core
  iconsDir: string
  openWindow: () => void
  quit: () => void
}

/** Creates the tray and keeps it in step with the core; returns its disposer. */
export async function createAppTray(options: AppTrayOptions): Promise<() => void> {
  const { core } = options
  const iconPath = () =>
    join(options.iconsDir, trayIconFile(process.platform, nativeTheme.shouldUseDarkColors))
  const tray = new Tray(nativeImage.createFromPath(iconPath()))

  function run(action: TrayAction): void {
    switch (action.type) {
      case 'activateWorkspace':
        void core.api.activateWorkspace({ name: action.name }).catch(report)
        return
      case 'copyEndpoint':
        clipboard.writeText(action.url)
        return
      case 'usePort':
        // Saving the port makes main listen on it (see apply-settings.ts), and the window sees it.
        void core.api.updateSettings({ port: action.port }).catch(report)
        return
      case 'retryListen':
        void core.listen()
        return
      case 'openWindow':
        options.openWindow()
        return
      case 'quit':
        options.quit()
    }
  }

  const toElectron = (item: TrayMenuItem): MenuItemConstructorOptions => {
    const { action, ...rest } = item
    return action ? { ...rest, click: () => run(action) } : rest
  }

  const model = await createTrayModel(
    {
      api: core.api,
      events: core.events,
      server: core.server,
      settings: core.settings,
      findFreePort,
    },
    (state) => {
      tray.setToolTip(trayTooltip(state))
      tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu(state).map(toElectron)))
    },
  )
  const onTheme = () => tray.setImage(nativeImage.createFromPath(iconPath()))
  nativeTheme.on('updated', onTheme)
  // Windows and Linux users expect a click on the icon to open the app.
  if (process.platform !== 'darwin') tray.on('click', options.openWindow)

  return () => {
    nativeTheme.off('updated', onTheme)
    model.dispose()
    tray.destroy()
  }
}

function report(err: unknown): void {
  console.error('switchboard: tray action failed', err)
}
