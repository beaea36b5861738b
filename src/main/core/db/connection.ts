import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { SwitchboardError } from '../../../shared/errors.ts'
import { ensurePrivateDir, ensurePrivateFile } from '../data-dir.ts'
import { migrations } from './migrations.ts'

export type Db = Database.Database

/**
 * Opens `<dataDir>/switchboard.db`: WAL, foreign keys, migrations. The database is held with an
 * exclusive lock for the life of the process, so a second Switchboard on the same data dir is
 * refused at once (and the lock goes away with the process, even after a crash). The folder is
 * 0700 and the database 0600, also on installs made before that rule; SQLite gives its -wal and
 * -shm files the database file's mode.
 */
export function openDatabase(dataDir: string): Db {
  ensurePrivateDir(dataDir)
  const file = join(dataDir, 'switchboard.db')
  ensurePrivateFile(file)
  for (const extra of [`${file}-wal`, `${file}-shm`])
    if (existsSync(extra)) ensurePrivateFile(extra)
  const db = new Database(file, { timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.pragma('journal_mode = WAL')
    db.exec('BEGIN EXCLUSIVE; COMMIT')
  } catch (err) {
    db.close()
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new SwitchboardError(
        'conflict',
        `Another Switchboard is already running with the data directory ${dataDir}. Quit it, or start this one with a different --data-dir.`,
      )
    }
    throw err
  }
  db.pragma('foreign_keys = ON')
  db.pragma('synchronous = NORMAL')
  // SQLite's own default page cache (2 MB). better-sqlite3 builds it with 16 MB, which a server
  // under load fills and keeps: the log's inserts touch only the right edges of its B-trees, and
  // its reads scan what the OS already caches. Measured on a 50,000-row log: the same insert and
  // query times, 17 MB less resident memory.
  db.pragma('cache_size = -2000')
  migrate(db)
  return db
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
