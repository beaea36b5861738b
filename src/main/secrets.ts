import { safeStorage } from 'electron'
import type { Secrets } from './core/secrets/secrets.ts'

/** API keys sealed by the OS keychain through Electron's safeStorage. */
export const safeStorageSecrets: Secrets = {
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (sealed) => safeStorage.decryptString(sealed),
}
