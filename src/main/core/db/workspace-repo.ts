import { randomUUID } from 'node:crypto'
import type { CatchAll, RuleUsage, StoredRule, Target } from '../../../shared/schemas.ts'
import type { Db } from './connection.ts'

interface WorkspaceRow {
  id: string
  name: string
  hold_decision_for_turn: number
  daily_spend_cap_usd: number | null
  created_at: string
  updated_at: string
}
interface RuleRow {
  id: string
  kind: string
  config_json: string
}
interface TargetRow {
  rule_id: string
  position: number
  provider_id: string
  model: string
}

export interface WorkspaceRecord {
  id: string
  name: string
  rules: StoredRule[]
  catchAll: CatchAll | null
  /** Tool-loop requests of a turn keep the decision of the turn's first request. */
  holdDecisionForTurn: boolean
  /** Past this spend today (UTC) paid targets are skipped; null or absent: no cap. */
  dailySpendCapUsd?: number | null
  createdAt: string
  updatedAt: string
}

const CATCH_ALL = 'catch-all'

/** Workspaces with their ordered rules; a rule's targets live in rule_targets (0 = target, 1.. = fallbacks). */
export function createWorkspaceRepo(db: Db) {
  const q = {
    summaries: db.prepare<[], WorkspaceRow & { rule_count: number }>(
      `SELECT w.*, (SELECT COUNT(*) FROM rules r WHERE r.workspace_id = w.id AND r.kind != '${CATCH_ALL}') AS rule_count
       FROM workspaces w ORDER BY w.name COLLATE NOCASE`,
    ),
    byName: db.prepare<[string], WorkspaceRow>('SELECT * FROM workspaces WHERE name = ?'),
    byId: db.prepare<[string], WorkspaceRow>('SELECT * FROM workspaces WHERE id = ?'),
    rules: db.prepare<[string], RuleRow>(
      'SELECT id, kind, config_json FROM rules WHERE workspace_id = ? ORDER BY position',
    ),
    targets: db.prepare<[string], TargetRow>(
      `SELECT t.* FROM rule_targets t JOIN rules r ON r.id = t.rule_id WHERE r.workspace_id = ? ORDER BY t.rule_id, t.position`,
    ),
    insert: db.prepare(
      'INSERT INTO workspaces (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)',
    ),
    rename: db.prepare('UPDATE workspaces SET name = ?, updated_at = ? WHERE id = ?'),
    touch: db.prepare('UPDATE workspaces SET updated_at = ? WHERE id = ?'),
    setHold: db.prepare(
      'UPDATE workspaces SET hold_decision_for_turn = ?, updated_at = ? WHERE id = ?',
    ),
    setSpendCap: db.prepare(
      'UPDATE workspaces SET daily_spend_cap_usd = ?, updated_at = ? WHERE id = ?',
    ),
    delete: db.prepare('DELETE FROM workspaces WHERE id = ?'),
    deleteRules: db.prepare(`DELETE FROM rules WHERE workspace_id = ? AND kind != '${CATCH_ALL}'`),
    deleteCatchAll: db.prepare(
      `DELETE FROM rules WHERE workspace_id = ? AND kind = '${CATCH_ALL}'`,
    ),
    insertRule: db.prepare(
      'INSERT INTO rules (id, workspace_id, position, kind, config_json) VALUES (?, ?, ?, ?, ?)',
    ),
    insertTarget: db.prepare(
      'INSERT INTO rule_targets (rule_id, position, provider_id, model) VALUES (?, ?, ?, ?)',
    ),
    usages: db.prepare<
      [string],
      { workspace: string; rule_id: string; kind: string; position: number }
    >(
      `SELECT w.name AS workspace, r.id AS rule_id, r.kind, t.position
       FROM rule_targets t JOIN rules r ON r.id = t.rule_id JOIN workspaces w ON w.id = r.workspace_id
       WHERE t.provider_id = ? ORDER BY w.name, r.position, t.position`,
    ),
    deleteRule: db.prepare('DELETE FROM rules WHERE id = ?'),
    ruleTargets: db.prepare<[string], TargetRow>(
      'SELECT * FROM rule_targets WHERE rule_id = ? ORDER BY position',
    ),
    clearTargets: db.prepare('DELETE FROM rule_targets WHERE rule_id = ?'),
  }

  const now = () => new Date().toISOString()

  function insertTargets(ruleId: string, targets: Target[]): void {
    targets.forEach((t, i) => q.insertTarget.run(ruleId, i, t.provider, t.model))
  }

  function load(row: WorkspaceRow): WorkspaceRecord {
    const targets = new Map<string, Target[]>()
    for (const t of q.targets.all(row.id)) {
      const list = targets.get(t.rule_id) ?? []
      list.push({ provider: t.provider_id, model: t.model })
      targets.set(t.rule_id, list)
    }
    const rules: StoredRule[] = []
    let catchAll: CatchAll | null = null
    for (const r of q.rules.all(row.id)) {
      const [target, ...fallbacks] = targets.get(r.id) ?? []
      if (!target) continue
      if (r.kind === CATCH_ALL) catchAll = { target, fallbacks }
      else
        rules.push({
          ...JSON.parse(r.config_json),
          id: r.id,
          kind: r.kind,
          target,
          fallbacks,
        } as StoredRule)
    }
    return {
      id: row.id,
      name: row.name,
      rules,
      catchAll,
      holdDecisionForTurn: row.hold_decision_for_turn === 1,
      dailySpendCapUsd: row.daily_spend_cap_usd,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  return {
    summaries: () =>
      q.summaries.all().map((r) => ({
        id: r.id,
        name: r.name,
        ruleCount: r.rule_count,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      })),
    /** Case-insensitive lookup by name. */
    findByName: (name: string): WorkspaceRecord | undefined => {
      const row = q.byName.get(name)
      return row && load(row)
    },
    findById: (id: string): WorkspaceRecord | undefined => {
      const row = q.byId.get(id)
      return row && load(row)
    },
    insert: (name: string): string => {
      const id = randomUUID()
      const at = now()
      q.insert.run(id, name, at, at)
      return id
    },
    rename: (id: string, name: string) => q.rename.run(name, now(), id),
    delete: (id: string) => q.delete.run(id),
    setHoldDecisionForTurn: (id: string, hold: boolean) => q.setHold.run(hold ? 1 : 0, now(), id),
    setDailySpendCap: (id: string, capUsd: number | null) => q.setSpendCap.run(capUsd, now(), id),
    replaceRules: db.transaction((workspaceId: string, rules: StoredRule[]) => {
      q.deleteRules.run(workspaceId)
      rules.forEach((rule, position) => {
        const { id, kind, target, fallbacks, ...config } = rule
        q.insertRule.run(id, workspaceId, position, kind, JSON.stringify(config))
        insertTargets(id, [target, ...fallbacks])
      })
      q.touch.run(now(), workspaceId)
    }),
    setCatchAll: db.transaction((workspaceId: string, catchAll: CatchAll | null) => {
      q.deleteCatchAll.run(workspaceId)
      if (catchAll) {
        const id = randomUUID()
        q.insertRule.run(id, workspaceId, 1_000_000, CATCH_ALL, '{}')
        insertTargets(id, [catchAll.target, ...catchAll.fallbacks])
      }
      q.touch.run(now(), workspaceId)
    }),
    /** Every rule that sends traffic to a provider, as target or fallback. */
    usagesOf: (providerId: string): RuleUsage[] =>
      q.usages.all(providerId).map((u) => ({
        workspace: u.workspace,
        ruleId: u.rule_id,
        kind: u.kind,
        as: u.position === 0 ? 'target' : 'fallback',
      })),
    /** Removes rules that target the provider and drops it from other rules' fallbacks. */
    detachProvider: db.transaction((providerId: string, usages: RuleUsage[]) => {
      for (const usage of usages) {
        if (usage.as === 'target') {
          q.deleteRule.run(usage.ruleId)
          continue
        }
        const kept = q.ruleTargets.all(usage.ruleId).filter((t) => t.provider_id !== providerId)
        q.clearTargets.run(usage.ruleId)
        insertTargets(
          usage.ruleId,
          kept.map((t) => ({ provider: t.provider_id, model: t.model })),
        )
      }
    }),
  }
}

export type WorkspaceRepo = ReturnType<typeof createWorkspaceRepo>
