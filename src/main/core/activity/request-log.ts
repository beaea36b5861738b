import type { RequestLogEntry } from '../../../shared/activity.ts'
import type { Db } from '../db/connection.ts'
import type { EventBus } from '../events.ts'

export type NewLogEntry = Omit<RequestLogEntry, 'id'>

interface Row {
  id: number
  at: string
  route: string
  client: string
  client_format: RequestLogEntry['clientFormat']
  requested_model: string | null
  stream: number
  workspace: string | null
  request_type: RequestLogEntry['requestType']
  files_json: string
  rule: string | null
  why: string | null
  provider: string | null
  model: string | null
  attempts_json: string
  status: number
  error: string | null
  latency_ms: number
  first_token_ms: number | null
  tokens_in: number | null
  tokens_out: number | null
  classification_json: string | null
  group_json: string | null
  turn_json: string | null
  tokens_cached: number | null
  cost_usd: number | null
  key_id: string | null
  rule_kind: string | null
}

function fromRow(r: Row): RequestLogEntry {
  return {
    id: r.id,
    at: r.at,
    route: r.route,
    client: r.client,
    clientFormat: r.client_format,
    requestedModel: r.requested_model,
    stream: r.stream === 1,
    workspace: r.workspace,
    requestType: r.request_type,
    files: JSON.parse(r.files_json),
    rule: r.rule,
    why: r.why,
    classification: r.classification_json ? JSON.parse(r.classification_json) : null,
    group: r.group_json ? JSON.parse(r.group_json) : null,
    turn: r.turn_json ? JSON.parse(r.turn_json) : null,
    provider: r.provider,
    model: r.model,
    attempts: JSON.parse(r.attempts_json),
    status: r.status,
    error: r.error,
    latencyMs: r.latency_ms,
    firstTokenMs: r.first_token_ms,
    tokensIn: r.tokens_in,
    tokensOut: r.tokens_out,
    tokensCached: r.tokens_cached,
    costUsd: r.cost_usd,
    keyId: r.key_id,
    ruleKind: r.rule_kind,
  }
}

/** Requests, tokens and cost of one member key over a time range. */
export interface KeyUsageTotals {
  requests: number
  tokensIn: number
  tokensOut: number
  costUsd: number
  unpricedRequests: number
}

const FLUSH_MS = 200

/**
 * The request log. `add` only queues: rows are written in one transaction per batch, after the
 * responses went out, and the table is pruned to the retention setting. Ids are assigned when a
 * row is queued, so the caller can link what it keeps in memory about a request to its row.
 */
export function createRequestLog(db: Db, events: EventBus, maxRows: () => number) {
  const insert = db.prepare(
    `INSERT INTO requests (id, at, route, client, client_format, requested_model, stream, workspace, request_type, files_json,
       rule, why, classification_json, group_json, turn_json, provider, model, attempts_json, status, error, latency_ms, first_token_ms, tokens_in, tokens_out,
       tokens_cached, cost_usd, key_id, rule_kind)
     VALUES (${Array(28).fill('?').join(', ')})`,
  )
  const prune = db.prepare(
    'DELETE FROM requests WHERE id <= (SELECT id FROM requests ORDER BY id DESC LIMIT 1 OFFSET ?)',
  )
  let queue: RequestLogEntry[] = []
  // AUTOINCREMENT's counter survives clearing the log, so an id is never reused.
  let nextId =
    db
      .prepare<[], { last: number }>(
        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'requests'), 0), COALESCE((SELECT MAX(id) FROM requests), 0)) AS last",
      )
      .get()!.last + 1
  let timer: NodeJS.Timeout | undefined

  const json = (value: unknown) => (value ? JSON.stringify(value) : null)
  // Positional parameters: cheaper than binding a named object per row.
  const writeBatch = db.transaction((batch: RequestLogEntry[]) => {
    for (const e of batch) {
      insert.run(
        e.id,
        e.at,
        e.route,
        e.client,
        e.clientFormat,
        e.requestedModel,
        e.stream ? 1 : 0,
        e.workspace,
        e.requestType,
        JSON.stringify(e.files),
        e.rule,
        e.why,
        json(e.classification),
        json(e.group),
        json(e.turn),
        e.provider,
        e.model,
        JSON.stringify(e.attempts),
        e.status,
        e.error,
        e.latencyMs,
        e.firstTokenMs,
        e.tokensIn,
        e.tokensOut,
        e.tokensCached,
        e.costUsd,
        e.keyId,
        e.ruleKind,
      )
    }
  })
  const selectOne = db.prepare<[number], Row>('SELECT * FROM requests WHERE id = ?')
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM requests')
  const keyTotals = db.prepare<[string, string], KeyUsageTotals>(
    `SELECT COUNT(*) AS requests, COALESCE(SUM(tokens_in), 0) AS tokensIn, COALESCE(SUM(tokens_out), 0) AS tokensOut,
       COALESCE(SUM(cost_usd), 0) AS costUsd, COUNT(*) - COUNT(cost_usd) AS unpricedRequests
     FROM requests WHERE key_id = ? AND at >= ?`,
  )
  const spendByKey = db.prepare<[string], { keyId: string; costUsd: number }>(
    `SELECT key_id AS keyId, COALESCE(SUM(cost_usd), 0) AS costUsd FROM requests
     WHERE key_id IS NOT NULL AND at >= ? GROUP BY key_id`,
  )
  let rows = count.get()!.n

  function flush(): void {
    clearTimeout(timer)
    timer = undefined
    if (queue.length === 0) return
    const batch = queue
    queue = []
    writeBatch(batch)
    rows += batch.length
    // Prune in steps (10% over the limit), not on every flush: deleting is the costly part.
    if (rows > maxRows() * 1.1) rows -= prune.run(maxRows()).changes
    for (const entry of batch) events.emit('requestLogged', entry)
  }

  return {
    /** Queues a row and returns the id it will have. */
    add(entry: NewLogEntry): number {
      const id = nextId++
      queue.push({ ...entry, id })
      timer ??= setTimeout(flush, FLUSH_MS)
      return id
    },
    flush,
    /** One logged request, or undefined when it was pruned or cleared. */
    get(id: number): RequestLogEntry | undefined {
      flush()
      const row = selectOne.get(id)
      return row && fromRow(row)
    },
    list(q: {
      limit: number
      before?: number
      workspace?: string
      model?: string
      status?: 'ok' | 'error'
    }) {
      const where: string[] = []
      if (q.before !== undefined) where.push('id < @before')
      if (q.workspace) where.push('workspace = @workspace')
      if (q.model) where.push("(model = @model OR provider || '/' || model = @model)")
      if (q.status) where.push(q.status === 'ok' ? 'status < 400' : 'status >= 400')
      flush()
      const rows = db
        .prepare<Record<string, unknown>, Row>(
          `SELECT * FROM requests ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT @limit`,
        )
        .all({ ...q, limit: q.limit + 1 })
      const more = rows.length > q.limit
      const page = rows.slice(0, q.limit).map(fromRow)
      return { requests: page, nextBefore: more ? page.at(-1)!.id : null }
    },
    /** One member key's totals for requests since `sinceIso`. */
    keyUsage(keyId: string, sinceIso: string): KeyUsageTotals {
      flush()
      return keyTotals.get(keyId, sinceIso)!
    },
    /** Each member key's spend since `sinceIso` (the daily caps start from this). */
    spendByKey(sinceIso: string): Map<string, number> {
      flush()
      return new Map(spendByKey.all(sinceIso).map((r) => [r.keyId, r.costUsd]))
    },
    clear(): void {
      flush()
      db.exec('DELETE FROM requests')
      rows = 0
    },
  }
}

export type RequestLog = ReturnType<typeof createRequestLog>
