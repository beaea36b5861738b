import type { IncomingMessage, ServerResponse } from 'node:http'
import { SwitchboardError } from '../../../shared/errors.ts'
import { callOperation } from '../api/call-operation.ts'
import type { Handlers } from '../api/handlers.ts'
import type { EventBus } from '../events.ts'
import { streamEvents } from './event-stream.ts'
import { API_PREFIX, matchRoute, operationInput } from './management-routes.ts'
import { buildOpenApi } from './openapi.ts'
import { OPS_PATHS } from './ops-routes.ts'
import { DEFAULT_BODY_LIMITS, limitBody, readJsonBody, type BodyLimits } from './read-body.ts'
import { checkAdminToken, checkRequestSource, type SecurityPolicy } from './security.ts'
import { sendError, sendJson } from './send.ts'
import { ROOT_FAVICON, UI_PREFIX } from './static-ui.ts'
import type { ThrottledLog } from './throttled-log.ts'

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>

export interface HttpAppOptions {
  handlers: Handlers
  events: EventBus
  /** The current admin token (it can be regenerated while running). */
  adminToken: () => string
  policy: SecurityPolicy
  version: string
  /** The proxy under /v1/mux (added by the mux). */
  mux?: RouteHandler
  /** /healthz, /readyz and /metrics (team operation). */
  ops?: RouteHandler
  /** The built renderer under /ui (the browser host); static files, no token. */
  ui?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>
  /** How large and how slow a request body may be. */
  bodyLimits?: BodyLimits
  /** Where refused bodies (413, 408) are reported. */
  log?: ThrottledLog
}

/** Routes of the management API that are not contract operations, with the one method each takes. */
const GET_ONLY = new Set(['/openapi.json', '/events'])

/** 405 with the methods the path does take in `Allow`. */
function methodNotAllowed(
  res: ServerResponse,
  url: URL,
  req: IncomingMessage,
  allowed: readonly string[],
): void {
  const error = new SwitchboardError(
    'method_not_allowed',
    `${url.pathname} does not take ${req.method}; it takes ${allowed.join(', ')}.`,
  )
  sendError(res, error, { allow: allowed.join(', ') })
}

/** The whole HTTP surface as one request handler, apart from listen/close. */
export function createHttpApp(options: HttpAppOptions) {
  let openapi: Record<string, unknown> | undefined
  const eventStreams = new Set<ServerResponse>()

  async function management(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(API_PREFIX.length) || '/'
    if (GET_ONLY.has(path) && req.method !== 'GET') return methodNotAllowed(res, url, req, ['GET'])
    if (path === '/openapi.json') {
      openapi ??= buildOpenApi(options.version)
      return sendJson(res, 200, openapi)
    }
    checkAdminToken(req, options.adminToken())
    if (path === '/events') return streamEvents(req, res, options.events, eventStreams)
    const match = matchRoute(req.method ?? 'GET', path)
    if (!match) {
      throw new SwitchboardError(
        'not_found',
        `No API route ${req.method} ${url.pathname}. See GET ${API_PREFIX}/openapi.json.`,
      )
    }
    if ('methodNotAllowed' in match) return methodNotAllowed(res, url, req, match.methodNotAllowed)
    const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readJsonBody(req)
    const result = await callOperation(
      options.handlers,
      match.name,
      operationInput(req, url, match.params, body),
    )
    sendJson(
      res,
      match.name.startsWith('create') || match.name === 'importWorkspace' ? 201 : 200,
      result,
    )
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    limitBody(req, res, options.bodyLimits ?? DEFAULT_BODY_LIMITS, options.log)
    try {
      const url = new URL(req.url ?? '/', 'http://localhost')
      checkRequestSource(req, options.policy)
      if (url.pathname === API_PREFIX || url.pathname.startsWith(API_PREFIX + '/')) {
        return await management(req, res, url)
      }
      if (options.mux && (url.pathname === '/v1/mux' || url.pathname.startsWith('/v1/mux/'))) {
        return await options.mux(req, res, url)
      }
      if (options.ops && OPS_PATHS.has(url.pathname)) return await options.ops(req, res, url)
      if (
        options.ui &&
        (url.pathname === UI_PREFIX ||
          url.pathname.startsWith(UI_PREFIX + '/') ||
          url.pathname === ROOT_FAVICON)
      ) {
        return await options.ui(req, res, url)
      }
      if (url.pathname === '/' || url.pathname === '/health') {
        return sendJson(res, 200, {
          name: 'switchboard',
          version: options.version,
          mux: '/v1/mux',
          api: API_PREFIX,
        })
      }
      throw new SwitchboardError(
        'not_found',
        `Nothing at ${url.pathname}. The proxy is at /v1/mux and the management API at ${API_PREFIX}.`,
      )
    } catch (err) {
      sendError(res, err)
    }
  }

  /** Ends open event streams so a graceful shutdown need not wait for them. */
  function closeStreams(): void {
    for (const res of eventStreams) res.end()
  }

  return { handle, closeStreams }
}
