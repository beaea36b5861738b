import type { IncomingMessage, ServerResponse } from 'node:http'
import { SwitchboardError } from '../../../shared/errors.ts'
import { checkAdminToken } from './security.ts'
import { sendJson } from './send.ts'

// Routes for whoever runs Switchboard for a team: liveness, readiness and Prometheus metrics. Each is
// cheap: readiness reads state kept in memory (the providers' last known reachability), never calls out.

/** The paths served here. */
export const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

/** One readiness check: null when it passes, else what is wrong. */
export type ReadinessCheck = () => string | null

export interface OpsDeps {
  checks: Record<string, ReadinessCheck>
  metrics: { contentType: string; text(): Promise<string> }
  adminToken(): string
  /** A token that reads /metrics only (a scraper's), besides the admin token. */
  metricsToken?: string
}

/** Checks the scraper's token: the metrics token or the admin token, compared in constant time. */
function checkMetricsToken(req: IncomingMessage, deps: OpsDeps): void {
  for (const token of [deps.metricsToken, deps.adminToken()]) {
    if (!token) continue
    try {
      return checkAdminToken(req, token)
    } catch {
      // try the next token
    }
  }
  throw new SwitchboardError(
    'unauthorized',
    `/metrics needs "Authorization: Bearer <token>": the metrics token (--metrics-token or SWITCHBOARD_METRICS_TOKEN) or the admin token.`,
  )
}

/** Serves /healthz, /readyz and /metrics. */
export function createOpsRoutes(deps: OpsDeps) {
  return async function ops(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new SwitchboardError('invalid_request', `${url.pathname} takes GET.`)
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' })
    if (url.pathname === '/readyz') {
      const checks: Record<string, { ok: boolean; message?: string }> = {}
      const failing: string[] = []
      for (const [name, check] of Object.entries(deps.checks)) {
        const problem = check()
        checks[name] = problem === null ? { ok: true } : { ok: false, message: problem }
        if (problem !== null) failing.push(name)
      }
      return sendJson(res, failing.length ? 503 : 200, {
        status: failing.length ? 'unavailable' : 'ok',
        ...(failing.length ? { failing } : {}),
        checks,
      })
    }
    checkMetricsToken(req, deps)
    const text = await deps.metrics.text()
    res.writeHead(200, {
      'content-type': deps.metrics.contentType,
      'content-length': Buffer.byteLength(text),
    })
    res.end(text)
  }
}
