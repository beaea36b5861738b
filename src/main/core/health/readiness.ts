import type { Db } from '../db/connection.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import type { ReadinessCheck } from '../mux/ops-routes.ts'

/** The database answers a trivial query (it is closed at shutdown, or may fail underneath). */
export function databaseCheck(db: Db): ReadinessCheck {
  const ping = db.prepare('SELECT 1')
  return () => {
    try {
      ping.get()
      return null
    } catch (err) {
      return `the database does not answer: ${(err as Error).message}`
    }
  }
}

/** At least one provider answered its last check; reads the cached status, never calls a provider. */
export function providersCheck(list: () => ProviderRecord[]): ReadinessCheck {
  return () => {
    const providers = list()
    if (providers.length === 0) return 'no provider is configured; add one'
    if (providers.some((p) => p.status === 'ok')) return null
    const states = providers
      .slice(0, 10)
      .map((p) =>
        p.status === 'error'
          ? `${p.id} (${p.statusError ?? 'error'})`
          : `${p.id} (not checked yet)`,
      )
    return `no provider is reachable at its last check: ${states.join(', ')}`
  }
}
