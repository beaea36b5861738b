import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileSecrets } from '../../src/main/core/secrets/file-secrets.ts'
import { maskSecret } from '../../src/main/core/secrets/secrets.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

const temp = makeTempDir()
afterAll(temp.cleanup)

describe('file secrets (headless)', () => {
  it('round-trips through AES-256-GCM with a 0600 key file, across instances', () => {
    const a = createFileSecrets(temp.dir)
    const sealed = a.encrypt('sk-abc-123456')
    expect(sealed.toString('utf8')).not.toContain('sk-abc')
    expect(createFileSecrets(temp.dir).decrypt(sealed)).toBe('sk-abc-123456')
    expect(statSync(join(temp.dir, 'secret.key')).mode & 0o777).toBe(0o600)
  })

  it('rejects a tampered value instead of returning garbage', () => {
    const s = createFileSecrets(temp.dir)
    const sealed = s.encrypt('secret')
    sealed[sealed.length - 1]! ^= 1
    expect(() => s.decrypt(sealed)).toThrow()
  })

  it('masks keys to their last four characters', () => {
    expect(maskSecret('sk-proj-abcdef7890')).toBe('••••7890')
  })
})
