import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

/** The OS's per-user app data folder, the same one Electron's `userData` uses for the app. */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Switchboard')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Switchboard')
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Switchboard')
}

/** Reads a secret file, creating it (mode 0600) with `create()` the first time. */
export function readOrCreateSecretFile(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dirname(file), { recursive: true })
  const value = create()
  writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return value
}

const newToken = () => randomBytes(32).toString('base64url')

/** The management API token: explicit value, else `<dataDir>/admin-token`, generated on first run. */
export function resolveAdminToken(dataDir: string, explicit?: string): string {
  if (explicit) return explicit
  return readOrCreateSecretFile(join(dataDir, 'admin-token'), newToken)
}

/** Replaces `<dataDir>/admin-token` (mode 0600) with a fresh token and returns it. */
export function regenerateAdminTokenFile(dataDir: string): string {
  const token = newToken()
  const file = join(dataDir, 'admin-token')
  writeFileSync(file, token + '\n', { mode: 0o600 })
  chmodSync(file, 0o600)
  return token
}
