import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

/** The OS's per-user app data folder, the same one Electron's `userData` uses for the app. */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Switchboard')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Switchboard')
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Switchboard')
}

/**
 * Creates a folder only its owner can enter (0700), or narrows an existing one to that: it holds
 * the database, the keys and the admin token.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
}

/** Creates a file only its owner can read and write (0600), or narrows an existing one to that. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600))
  chmodSync(file, 0o600)
}

/** Reads a secret file, creating it (mode 0600) with `create()` the first time. */
export function readOrCreateSecretFile(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  ensurePrivateDir(dirname(file))
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
