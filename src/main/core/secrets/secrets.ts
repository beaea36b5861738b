/** Encrypts API keys at rest. Electron's safeStorage in the app; a key file when headless. */
export interface Secrets {
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

/** "••••1234": enough for a user to recognise a key, never enough to use it. */
export function maskSecret(secret: string): string {
  return `••••${secret.slice(-4)}`
}
