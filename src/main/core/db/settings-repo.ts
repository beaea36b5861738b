import type { Db } from './connection.ts'

/** Small key/value store for settings and app state (e.g. the active workspace). */
export function createSettingsRepo(db: Db) {
  const select = db.prepare<[string], { value_json: string }>(
    'SELECT value_json FROM settings WHERE key = ?',
  )
  const upsert = db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
  )
  return {
    get<T>(key: string): T | undefined {
      const row = select.get(key)
      return row ? (JSON.parse(row.value_json) as T) : undefined
    },
    set(key: string, value: unknown): void {
      upsert.run(key, JSON.stringify(value))
    },
  }
}

export type SettingsRepo = ReturnType<typeof createSettingsRepo>
