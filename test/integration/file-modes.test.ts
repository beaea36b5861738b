import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../helpers/temp-dir.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// The database holds sealed keys, the request log and prompts' file names: only the owner may
// read it, its WAL/SHM or the data dir, on new installs and on ones made before this rule.

const modeOf = (path: string) => statSync(path).mode & 0o777
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(dataDir: string): Promise<TestCore> {
  const t = await startTestCore({ dataDir })
  cleanups.push(() => t.close())
  // A write, so the WAL exists.
  await t.core.api.createWorkspace({ name: 'modes' })
  return t
}

describe.skipIf(process.platform === 'win32')('data file modes', () => {
  it('creates the data dir 0700 and the database and its WAL 0600', async () => {
    const temp = makeTempDir()
    cleanups.push(temp.cleanup)
    const dataDir = join(temp.dir, 'fresh', 'Switchboard')
    await start(dataDir)
    expect(modeOf(dataDir)).toBe(0o700)
    const db = join(dataDir, 'switchboard.db')
    expect(modeOf(db)).toBe(0o600)
    expect(existsSync(db + '-wal')).toBe(true)
    for (const extra of [db + '-wal', db + '-shm'])
      if (existsSync(extra)) expect(modeOf(extra)).toBe(0o600)
  })

  it('narrows an existing install at start', async () => {
    const temp = makeTempDir()
    cleanups.push(temp.cleanup)
    const dataDir = join(temp.dir, 'old')
    // An install made before: open to the group and others.
    const first = await startTestCore({ dataDir })
    await first.core.api.createWorkspace({ name: 'before' })
    await first.close({ keepData: true })
    const db = join(dataDir, 'switchboard.db')
    mkdirSync(dataDir, { recursive: true })
    chmodSync(dataDir, 0o755)
    chmodSync(db, 0o644)
    writeFileSync(db + '-wal', '')
    chmodSync(db + '-wal', 0o644)

    const t = await start(dataDir)
    expect(modeOf(dataDir)).toBe(0o700)
    expect(modeOf(db)).toBe(0o600)
    expect(modeOf(db + '-wal')).toBe(0o600)
    expect((await t.core.api.listWorkspaces({})).map((w) => w.name)).toContain('before')
  })
})
