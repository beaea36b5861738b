import type { RequestBodies } from '../../../shared/activity.ts'
import type { Db } from '../db/connection.ts'

/** Each body is cut at this size: enough to debug a request, not a second copy of a repository. */
export const KEPT_BODY_LIMIT = 256 * 1024

interface Row {
  request_id: number
  at: string
  request_text: string | null
  response_text: string | null
  truncated: number
}

const FLUSH_MS = 500
const PRUNE_EVERY_MS = 60_000
const DAY_MS = 86_400_000

function cut(text: string | null): { text: string | null; truncated: boolean } {
  if (text === null || text.length <= KEPT_BODY_LIMIT) return { text, truncated: false }
  return { text: text.slice(0, KEPT_BODY_LIMIT), truncated: true }
}

/**
 * Request and response bodies kept for debugging, when `keepDays()` is above 0: bodies only (never
 * headers, where keys travel), written in batches off the hot path, deleted once older than the setting.
 */
export function createRequestBodies(db: Db, keepDays: () => number, now = () => new Date()) {
  const insert = db.prepare(
    'INSERT OR REPLACE INTO request_bodies (request_id, at, request_text, response_text, truncated) VALUES (?, ?, ?, ?, ?)',
  )
  const selectOne = db.prepare<[number], Row>('SELECT * FROM request_bodies WHERE request_id = ?')
  const pruneOlder = db.prepare<[string]>('DELETE FROM request_bodies WHERE at < ?')
  const deleteAll = db.prepare('DELETE FROM request_bodies')
  let queue: Row[] = []
  let timer: NodeJS.Timeout | undefined
  let prunedAt = 0

  const writeBatch = db.transaction((batch: Row[]) => {
    for (const r of batch)
      insert.run(r.request_id, r.at, r.request_text, r.response_text, r.truncated)
  })

  function write(): void {
    clearTimeout(timer)
    timer = undefined
    const batch = queue
    queue = []
    if (batch.length) writeBatch(batch)
  }

  function flush(): void {
    write()
    if (now().getTime() - prunedAt >= PRUNE_EVERY_MS) prune()
  }

  /** Deletes bodies older than the setting (all of them once it is 0). */
  function prune(): number {
    write()
    prunedAt = now().getTime()
    if (keepDays() === 0) return deleteAll.run().changes
    const cutoff = new Date(prunedAt - keepDays() * DAY_MS).toISOString()
    return pruneOlder.run(cutoff).changes
  }

  return {
    /** Whether bodies are being kept: the mux captures them only then. */
    enabled: (): boolean => keepDays() > 0,
    /** Queues the bodies of a logged request. */
    keep(requestId: number, at: string, request: string | null, response: string | null): void {
      const req = cut(request)
      const res = cut(response)
      queue.push({
        request_id: requestId,
        at,
        request_text: req.text,
        response_text: res.text,
        truncated: req.truncated || res.truncated ? 1 : 0,
      })
      timer ??= setTimeout(flush, FLUSH_MS)
    },
    flush,
    prune,
    /** The kept bodies of a request; nulls when none were kept (the setting was off, or they aged out). */
    get(requestId: number): RequestBodies {
      flush()
      const row = selectOne.get(requestId)
      return {
        requestId,
        request: row?.request_text ?? null,
        response: row?.response_text ?? null,
        truncated: row?.truncated === 1,
      }
    },
    clear(): void {
      queue = []
      deleteAll.run()
    },
  }
}

export type RequestBodyStore = ReturnType<typeof createRequestBodies>
