// Linux has no login-item API in Electron: the XDG autostart folder takes a .desktop entry.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** `$XDG_CONFIG_HOME/autostart/switchboard.desktop`. */
export function autostartPath(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(config, 'autostart', 'switchboard.desktop')
}

/** The entry's text; the command is quoted, then string-escaped, as the Desktop Entry spec asks. */
export function autostartEntry(command: string): string {
  const quoted = `"${command.replace(/(["`$\\])/g, '\\$1')}"`.replace(/\\/g, '\\\\')
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchboard',
    'Comment=Local model router for AI coding tools',
    `Exec=${quoted}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/** Adds or removes the autostart entry. `command` is the AppImage path when there is one. */
export function setLinuxAutostart(enabled: boolean, command: string, path = autostartPath()): void {
  if (!enabled) {
    rmSync(path, { force: true })
    return
  }
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, autostartEntry(command))
}
