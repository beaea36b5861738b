import type { ServerStatus } from '../../../shared/schemas.ts'
import type { LinkState } from '../transport/types.ts'

export interface ProxyBadge {
  tone: 'ok' | 'warn' | 'err' | 'neutral'
  label: string
}

/**
 * What the window can truthfully say about the proxy. Over HTTP the window talks to the server
 * it describes: while the event stream is down nothing it last heard can be trusted.
 */
export function proxyBadge(server: ServerStatus | undefined, link: LinkState): ProxyBadge | null {
  if (link === 'reconnecting') return { tone: 'err', label: 'Switchboard unreachable' }
  if (!server) return null
  if (server.state === 'listening') return { tone: 'ok', label: `Proxy on :${server.port}` }
  if (server.state === 'error') return { tone: 'err', label: 'Proxy stopped' }
  return { tone: 'warn', label: 'Proxy stopped' }
}
