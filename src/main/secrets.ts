import { safeStorage } from 'electron'
import type { Secrets } from './core/secrets/secrets.ts'

/** API keys sealed by the OS keychain through Electron's safeStorage. */
export const safeStorageSecrets: Secrets = {
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (sealed) => safeStorage.decryptString(sealed),
}

/**
 * safeStorage when the OS offers a keychain (call after `ready`); otherwise undefined, so the core
 * falls back to its key file in the data dir rather than failing to save any key.
 */
export function appSecrets(): Secrets | undefined {
  if (safeStorage.isEncryptionAvailable()) return safeStorageSecrets
  console.warn('switchboard: no OS keychain available; API keys use the key file in the data dir')
  return undefined
}
