import type { Api } from '../../shared/contract.ts'
import { createHttpTransport } from './transport/http-transport.ts'
import { ipcTransport } from './transport/ipc-transport.ts'
import type { Transport } from './transport/types.ts'

// The renderer's one way to the core. The desktop window has the preload bridge (IPC); the
// browser at /ui signs in with the admin token and talks REST + SSE to its own origin.

const TOKEN_KEY = 'switchboard.adminToken'
let current: Transport | null = null

/** The transport in use; throws before sign-in so a missing one is a bug, not a silent no-op. */
export function transport(): Transport {
  if (!current) throw new Error('Not connected to Switchboard yet.')
  return current
}

/** The typed contract client over the current transport. */
export function api(): Api {
  return transport().api
}

export function setTransport(next: Transport | null): void {
  current?.close()
  current = next
}

/**
 * IPC when the preload is there; otherwise HTTP to `origin` (the page's own) with the saved
 * token, or null when the user must sign in first.
 */
export function pickTransport(origin: string, onUnauthorized: () => void): Transport | null {
  const ipc = ipcTransport()
  if (ipc) return ipc
  const token = savedToken()
  return token ? createHttpTransport({ origin, token, onUnauthorized }) : null
}

export function savedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token)
    else localStorage.removeItem(TOKEN_KEY)
  } catch {
    // Private mode without storage: the token lasts for this page only.
  }
}
