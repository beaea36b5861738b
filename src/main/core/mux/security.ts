import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { SwitchboardError } from '../../../shared/errors.ts'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLoopbackAddress(host: string): boolean {
  return (
    host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
  )
}

function hostname(hostHeader: string): string {
  return hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.split(':')[0]!
}

export interface SecurityPolicy {
  /** While the server is bound to loopback, only loopback Host headers are accepted (DNS rebinding). */
  checkHost: () => boolean
  /** Browser origins allowed to call (the app's own UI); any other Origin is refused (CSRF). */
  allowedOrigins: () => Set<string>
}

/** Refuses requests that come through a foreign Host name or from a foreign web page. */
export function checkRequestSource(req: IncomingMessage, policy: SecurityPolicy): void {
  if (policy.checkHost()) {
    const host = hostname(req.headers.host ?? '').toLowerCase()
    if (!LOOPBACK_HOSTS.has(host) && !/^127\.\d+\.\d+\.\d+$/.test(host)) {
      throw new SwitchboardError(
        'forbidden',
        `Switchboard only answers requests addressed to localhost (got Host "${host}").`,
      )
    }
  }
  const origin = req.headers.origin
  // Same-origin calls (the /ui page served by this server) carry Origin equal to the Host they used.
  const sameOrigin = origin === `http://${req.headers.host}`
  if (origin && !sameOrigin && !policy.allowedOrigins().has(origin)) {
    throw new SwitchboardError('forbidden', `Requests from web pages (${origin}) are not allowed.`)
  }
}

/** Checks `Authorization: Bearer <admin token>` in constant time. */
export function checkAdminToken(req: IncomingMessage, token: string): void {
  const header = req.headers.authorization ?? ''
  const given = header.startsWith('Bearer ') ? header.slice(7).trim() : ''
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  if (!given || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new SwitchboardError(
      'unauthorized',
      given
        ? 'The admin token is wrong. Use the token in <data-dir>/admin-token.'
        : 'The management API needs "Authorization: Bearer <admin token>"; the token is in <data-dir>/admin-token.',
    )
  }
}
