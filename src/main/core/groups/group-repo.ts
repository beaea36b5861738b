import type { Db } from '../db/connection.ts'
import type { GroupDraft } from './group-types.ts'

interface GroupRow {
  id: string
  strategy: GroupDraft['strategy']
  targets_json: string
  rules_json: string
  classifier_json: string
  created_at: string
  updated_at: string
}

export type StoredGroup = GroupDraft & { createdAt: string; updatedAt: string }

const fromRow = (r: GroupRow): StoredGroup => ({
  id: r.id,
  strategy: r.strategy,
  targets: JSON.parse(r.targets_json),
  rules: JSON.parse(r.rules_json),
  classifier: JSON.parse(r.classifier_json),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** Model groups, stored whole. */
export function createGroupRepo(db: Db) {
  const q = {
    all: db.prepare<[], GroupRow>('SELECT * FROM model_groups ORDER BY id COLLATE NOCASE'),
    one: db.prepare<[string], GroupRow>('SELECT * FROM model_groups WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO model_groups (id, strategy, targets_json, rules_json, classifier_json, created_at, updated_at)
       VALUES (@id, @strategy, @targets, @rules, @classifier, @now, @now)
       ON CONFLICT(id) DO UPDATE SET strategy = excluded.strategy, targets_json = excluded.targets_json,
         rules_json = excluded.rules_json, classifier_json = excluded.classifier_json, updated_at = excluded.updated_at`,
    ),
    delete: db.prepare('DELETE FROM model_groups WHERE id = ?'),
  }
  return {
    list: (): StoredGroup[] => q.all.all().map(fromRow),
    get: (id: string): StoredGroup | undefined => {
      const row = q.one.get(id)
      return row && fromRow(row)
    },
    save: (g: GroupDraft) =>
      q.upsert.run({
        id: g.id,
        strategy: g.strategy,
        targets: JSON.stringify(g.targets),
        rules: JSON.stringify(g.rules),
        classifier: JSON.stringify(g.classifier),
        now: new Date().toISOString(),
      }),
    delete: (id: string) => q.delete.run(id),
  }
}

export type GroupRepo = ReturnType<typeof createGroupRepo>
