import { createHash, randomBytes } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { RequestLogEntry } from '../../../shared/activity.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import {
  MEMBER_KEY_PREFIX,
  type MemberKey,
  type MemberKeyUsage,
} from '../../../shared/member-keys.ts'
import type { RequestLog } from '../activity/request-log.ts'
import type { MemberKeyRepo, StoredMemberKey } from './member-key-repo.ts'
import { createDailySpend } from '../activity/daily-spend.ts'
import { nextUtcMidnight, utcDayStart } from './utc-day.ts'

export interface MemberKeyDeps {
  repo: MemberKeyRepo
  log: Pick<RequestLog, 'keyUsage' | 'spendByKey'>
  workspaceExists(name: string): boolean
  now?: () => Date
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const publicKey = ({ hash: _hash, ...key }: StoredMemberKey): MemberKey => key
// Caps can be fractions of a cent in tests and trials: three significant digits below a dollar.
export const usd = (n: number) => `$${n >= 1 ? n.toFixed(2) : Number(n.toPrecision(3))}`

/** The key a request presents: `Authorization: Bearer …` (OpenAI clients) or `x-api-key` (Anthropic clients). */
function presentedKey(headers: IncomingHttpHeaders): string | null {
  const auth = headers.authorization
  const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : ''
  const apiKey = typeof headers['x-api-key'] === 'string' ? headers['x-api-key'].trim() : ''
  // A client may send a leftover provider key in one header and the member key in the other.
  if (bearer.startsWith(MEMBER_KEY_PREFIX)) return bearer
  if (apiKey.startsWith(MEMBER_KEY_PREFIX)) return apiKey
  return bearer || apiKey || null
}

/**
 * Member keys for /v1/mux: created and revoked through the API, checked on the hot path with one
 * sha256 and one map lookup, and held to a daily spend cap fed from the request log.
 */
export function createMemberKeys(deps: MemberKeyDeps) {
  const now = deps.now ?? (() => new Date())
  // Active keys by the sha256 of the key. Looking up by hash means lookup timing can reveal at most
  // a prefix of a hash, never of a key.
  const active = new Map<string, StoredMemberKey>()
  const reload = () => {
    active.clear()
    for (const key of deps.repo.list()) if (!key.revokedAt) active.set(key.hash, key)
  }
  reload()

  // Today's spend per key (UTC), started from the log and kept current from its new entries.
  const spent = createDailySpend((day) => deps.log.spendByKey(day), now)

  return {
    list: (): MemberKey[] => deps.repo.list().map(publicKey),

    /** Creates a key; the returned secret is the only copy there will ever be. */
    create(draft: { name: string; workspace: string | null; dailyCapUsd: number | null }): {
      key: MemberKey
      secret: string
    } {
      if (draft.workspace !== null && !deps.workspaceExists(draft.workspace)) {
        throw new SwitchboardError(
          'invalid_request',
          `No workspace named "${draft.workspace}". Pin the key to an existing workspace, or leave workspace null to let the member choose.`,
          { param: 'workspace' },
        )
      }
      const secret = MEMBER_KEY_PREFIX + randomBytes(24).toString('base64url')
      const key: StoredMemberKey = {
        id: 'key_' + randomBytes(6).toString('hex'),
        name: draft.name,
        hash: sha256(secret),
        hint: secret.slice(0, MEMBER_KEY_PREFIX.length + 4) + '…',
        workspace: draft.workspace,
        dailyCapUsd: draft.dailyCapUsd,
        createdAt: now().toISOString(),
        revokedAt: null,
      }
      deps.repo.insert(key)
      active.set(key.hash, key)
      return { key: publicKey(key), secret }
    },

    revoke(id: string): MemberKey {
      const key = deps.repo.get(id)
      if (!key) throw new SwitchboardError('not_found', `No member key with id "${id}".`)
      deps.repo.revoke(id, now().toISOString())
      reload()
      return publicKey(deps.repo.get(id)!)
    },

    usage(id: string): MemberKeyUsage {
      const key = deps.repo.get(id)
      if (!key) throw new SwitchboardError('not_found', `No member key with id "${id}".`)
      const at = now()
      const start = utcDayStart(at)
      const monthAgo = utcDayStart(new Date(Date.parse(start) - 29 * 86_400_000))
      return {
        key: publicKey(key),
        today: deps.log.keyUsage(id, start),
        last30Days: deps.log.keyUsage(id, monthAgo),
        resetsAt: nextUtcMidnight(at),
      }
    },

    /** Adds a logged request's cost to its key's spend today (fed from the request log, not the hot path). */
    record(entry: Pick<RequestLogEntry, 'keyId' | 'costUsd' | 'at'>): void {
      if (entry.keyId && entry.costUsd) spent.add(entry.keyId, entry.costUsd, entry.at)
    },

    /**
     * The member key of a mux request. With `required`, a missing or unknown key is a 401; without,
     * an unknown key is ignored (loopback clients send whatever key their tool wants).
     */
    check(headers: IncomingHttpHeaders, required: boolean): MemberKey | null {
      const given = presentedKey(headers)
      const key = given ? active.get(sha256(given)) : undefined
      if (!key) {
        if (!required) return null
        throw new SwitchboardError(
          'unauthorized',
          given
            ? 'This member key is not valid (mistyped or revoked). Send a key from the Switchboard admin as "Authorization: Bearer sk-sb-…" (OpenAI clients) or "x-api-key: sk-sb-…" (Anthropic clients).'
            : 'Switchboard needs a member key here. Send it as "Authorization: Bearer sk-sb-…" (OpenAI clients: the API key setting) or "x-api-key: sk-sb-…" (Anthropic clients: ANTHROPIC_API_KEY); the Switchboard admin creates keys.',
        )
      }
      return publicKey(key)
    },

    /** Throws a 429 once `key` has spent its daily cap (UTC day). */
    checkCap(key: MemberKey): void {
      if (key.dailyCapUsd !== null) {
        const today = spent.today(key.id)
        if (today >= key.dailyCapUsd) {
          throw new SwitchboardError(
            'rate_limited',
            `Member key "${key.name}" reached its daily spend cap of ${usd(key.dailyCapUsd)} (${usd(today)} spent today, UTC). It resets at ${nextUtcMidnight(now())} (midnight UTC); ask the Switchboard admin to raise the cap.`,
            {
              details: {
                cap: 'dailyCapUsd',
                capUsd: key.dailyCapUsd,
                spentUsd: today,
                resetsAt: nextUtcMidnight(now()),
              },
            },
          )
        }
      }
    },
  }
}

export type MemberKeys = ReturnType<typeof createMemberKeys>
