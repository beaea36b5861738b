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

/** A page of the log: newest first, narrowed by workspace, model, status, time and words. */
export interface RequestQuery {
  limit: number
  before?: number
  workspace?: string
  model?: string
  status?: 'ok' | 'error'
  from?: string
  to?: string
  search?: string
}

/** One group of logged requests (served model, workspace, UTC day) with its tokens and cost. */
export interface SpendRow {
  provider: string | null
  model: string | null
  workspace: string | null
  day: string
  requests: number
  tokensIn: number
  tokensOut: number
  tokensCached: number
  costUsd: number
  unpricedRequests: number
  /** Tokens of the requests whose cost is known: what "saved" compares. */
  pricedTokensIn: number
  pricedTokensOut: number
  pricedTokensCached: number
  pricedRequests: number
}

// What a search looks through: everything the log stores about a request except its prompt.
const SEARCHED = [
  'model',
  'provider',
  "provider || '/' || model",
  'requested_model',
  'client',
  'rule',
  'rule_kind',
  'workspace',
  'why',
  'files_json',
  'attempts_json',
  'group_json',
  'error',
]

function requestFilter(q: Omit<Partial<RequestQuery>, 'limit'>): {
  where: string
  params: Record<string, unknown>
} {
  const where: string[] = []
  const params: Record<string, unknown> = {}
  if (q.before !== undefined) where.push('id < @before')
  if (q.workspace) where.push('workspace = @workspace')
  if (q.model) where.push("(model = @model OR provider || '/' || model = @model)")
  if (q.status) where.push(q.status === 'ok' ? 'status < 400' : 'status >= 400')
  // Stored times are UTC ISO strings of one length, so they compare as text.
  if (q.from) where.push('at >= @from')
  if (q.to) where.push('at < @to')
  Object.assign(params, {
    before: q.before,
    workspace: q.workspace,
    model: q.model,
    from: q.from && new Date(q.from).toISOString(),
    to: q.to && new Date(q.to).toISOString(),
  })
  // Every word must appear somewhere (case-insensitive); LIKE wildcards in a word are literal.
  const words = (q.search ?? '').split(/\s+/).filter(Boolean).slice(0, 8)
  words.forEach((word, i) => {
    params[`w${i}`] = `%${word.replace(/[\\%_]/g, (c) => '\\' + c)}%`
    where.push(`(${SEARCHED.map((c) => `${c} LIKE @w${i} ESCAPE '\\'`).join(' OR ')})`)
  })
  for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key]
  return { where: where.length ? 'WHERE ' + where.join(' AND ') : '', params }
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
  const spendByWorkspace = db.prepare<[string], { workspace: string; costUsd: number }>(
    `SELECT workspace, COALESCE(SUM(cost_usd), 0) AS costUsd FROM requests
     WHERE workspace IS NOT NULL AND at >= ? GROUP BY workspace`,
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
    list(q: RequestQuery) {
      const { where, params } = requestFilter(q)
      flush()
      const rows = db
        .prepare<Record<string, unknown>, Row>(
          `SELECT * FROM requests ${where} ORDER BY id DESC LIMIT @limit`,
        )
        .all({ ...params, limit: q.limit + 1 })
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
    /** Each workspace's spend since `sinceIso` (the workspace daily caps start from this). */
    spendByWorkspace(sinceIso: string): Map<string, number> {
      flush()
      return new Map(spendByWorkspace.all(sinceIso).map((r) => [r.workspace, r.costUsd]))
    },
    /** Requests, tokens and spend per served model, workspace and UTC day in a time range. */
    spendRows(q: { from: string; to: string; workspace?: string }): SpendRow[] {
      const { where, params } = requestFilter(q)
      flush()
      return db
        .prepare<Record<string, unknown>, SpendRow>(
          `SELECT provider, model, workspace, substr(at, 1, 10) AS day, COUNT(*) AS requests,
             COALESCE(SUM(tokens_in), 0) AS tokensIn, COALESCE(SUM(tokens_out), 0) AS tokensOut,
             COALESCE(SUM(tokens_cached), 0) AS tokensCached, COALESCE(SUM(cost_usd), 0) AS costUsd,
             COUNT(*) - COUNT(cost_usd) AS unpricedRequests,
             COALESCE(SUM(CASE WHEN cost_usd IS NOT NULL THEN tokens_in END), 0) AS pricedTokensIn,
             COALESCE(SUM(CASE WHEN cost_usd IS NOT NULL THEN tokens_out END), 0) AS pricedTokensOut,
             COALESCE(SUM(CASE WHEN cost_usd IS NOT NULL THEN MIN(COALESCE(tokens_cached, 0), COALESCE(tokens_in, 0)) END), 0) AS pricedTokensCached,
             COUNT(CASE WHEN cost_usd IS NOT NULL AND tokens_in IS NOT NULL THEN 1 END) AS pricedRequests
           FROM requests ${where} GROUP BY provider, model, workspace, day`,
        )
        .all(params)
    },
    clear(): void {
      flush()
      db.exec('DELETE FROM requests')
      rows = 0
    },
  }
}

export type RequestLog = ReturnType<typeof createRequestLog>
