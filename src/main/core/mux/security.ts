import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { hostname as osHostname, networkInterfaces } from 'node:os'
import { SwitchboardError } from '../../../shared/errors.ts'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** True for addresses only this machine can reach. */
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
  /** Whether a Host header's name is this machine (against DNS rebinding), on every bind. */
  hostAllowed: (hostname: string) => boolean
  /** Browser origins allowed to call (the app's own UI); any other Origin is refused (CSRF). */
  allowedOrigins: () => Set<string>
}

/**
 * The names a request may be addressed to: localhost and loopback addresses, this machine's host
 * name and interface addresses (re-read at most every `ttlMs`, interfaces come and go), and the
 * configured extra names. A web page on another name that resolves here is refused.
 */
export function createHostAllowList(
  extraNames: () => readonly string[],
  ttlMs = 10_000,
): (hostname: string) => boolean {
  let own = new Set<string>()
  let readAt = -Infinity
  return (host) => {
    if (LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host)) return true
    if (extraNames().includes(host)) return true
    if (performance.now() - readAt > ttlMs) {
      own = machineNames()
      readAt = performance.now()
    }
    return own.has(host)
  }
}

function machineNames(): Set<string> {
  const name = osHostname().toLowerCase()
  const names = new Set([name, `${name}.local`])
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      const address = a.address.toLowerCase().split('%')[0]!
      names.add(a.family === 'IPv6' ? `[${address}]` : address)
    }
  }
  return names
}

/** Refuses requests that come through a foreign Host name or from a foreign web page. */
export function checkRequestSource(req: IncomingMessage, policy: SecurityPolicy): void {
  const host = hostname(req.headers.host ?? '').toLowerCase()
  if (!policy.hostAllowed(host)) {
    throw new SwitchboardError(
      'forbidden',
      `Switchboard only answers requests addressed to this machine (got Host "${host}"). If that name is an alias of this machine, add it to the extraHostNames setting.`,
    )
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
