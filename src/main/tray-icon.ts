import { join } from 'node:path'

/**
 * The tray icon file for a platform and theme. macOS gets a template image (the system tints it
 * for light and dark menu bars); elsewhere a light glyph on dark panels and a dark one on light.
 */
export function trayIconFile(platform: NodeJS.Platform, darkTheme: boolean): string {
  if (platform === 'darwin') return 'trayTemplate.png'
  return darkTheme ? 'tray-light.png' : 'tray-dark.png'
}

/** Where the icons are: beside the packaged app's resources, or in the repo when run from `out/`. */
export function iconsDir(isPackaged: boolean, resourcesPath: string, mainDir: string): string {
  return isPackaged ? join(resourcesPath, 'icons') : join(mainDir, '../../resources/icons')
}
