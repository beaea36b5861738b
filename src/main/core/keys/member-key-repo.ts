import type { MemberKey } from '../../../shared/member-keys.ts'
import type { Db } from '../db/connection.ts'

interface Row {
  id: string
  name: string
  hash: string
  hint: string
  workspace: string | null
  daily_cap_usd: number | null
  created_at: string
  revoked_at: string | null
}

export type StoredMemberKey = MemberKey & { hash: string }

function fromRow(r: Row): StoredMemberKey {
  return {
    id: r.id,
    name: r.name,
    hash: r.hash,
    hint: r.hint,
    workspace: r.workspace,
    dailyCapUsd: r.daily_cap_usd,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }
}

/** Member keys as stored: a sha256 of each key, never the key. */
export function createMemberKeyRepo(db: Db) {
  const selectAll = db.prepare<[], Row>('SELECT * FROM member_keys ORDER BY created_at DESC, id')
  const selectOne = db.prepare<[string], Row>('SELECT * FROM member_keys WHERE id = ?')
  const insert = db.prepare(
    `INSERT INTO member_keys (id, name, hash, hint, workspace, daily_cap_usd, created_at)
     VALUES (@id, @name, @hash, @hint, @workspace, @dailyCapUsd, @createdAt)`,
  )
  const revoke = db.prepare(
    'UPDATE member_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  )
  return {
    list: (): StoredMemberKey[] => selectAll.all().map(fromRow),
    get: (id: string): StoredMemberKey | undefined => {
      const row = selectOne.get(id)
      return row && fromRow(row)
    },
    insert: (key: StoredMemberKey): void => {
      insert.run(key)
    },
    revoke: (id: string, at: string): void => {
      revoke.run(at, id)
    },
  }
}

export type MemberKeyRepo = ReturnType<typeof createMemberKeyRepo>
