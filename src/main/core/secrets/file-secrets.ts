import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { readOrCreateSecretFile } from '../data-dir.ts'
import type { Secrets } from './secrets.ts'

const VERSION = 1

/** AES-256-GCM with a random key kept in `<dataDir>/secret.key` (mode 0600). */
export function createFileSecrets(dataDir: string): Secrets {
  const key = Buffer.from(
    readOrCreateSecretFile(join(dataDir, 'secret.key'), () => randomBytes(32).toString('base64')),
    'base64',
  )
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
    },
    decrypt(sealed) {
      if (sealed[0] !== VERSION) throw new Error('unknown secret format')
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13))
      decipher.setAuthTag(sealed.subarray(13, 29))
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString(
        'utf8',
      )
    },
  }
}
