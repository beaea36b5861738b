import { create } from 'zustand'
import { api, pickTransport, saveToken, setTransport } from '../api.ts'
import { createHttpTransport } from '../transport/http-transport.ts'
import { errorMessage } from '../transport/types.ts'
import type { LinkState, Transport } from '../transport/types.ts'
import { loadAll, wireEvents } from './wire-events.ts'

type Phase = 'starting' | 'signed-out' | 'ready'

interface SessionState {
  phase: Phase
  host: 'ipc' | 'http' | null
  link: LinkState
  /** Why the last sign-in or start failed, in words for the user. */
  error: string | null
  start(): Promise<void>
  signIn(token: string): Promise<boolean>
  signOut(message?: string): void
}

let unwire: (() => void) | null = null
// StrictMode runs effects twice in development; one start is enough.
let started = false

/** Connects the stores to a transport: events first, so nothing pushed during the load is lost. */
async function connect(t: Transport): Promise<void> {
  unwire?.()
  setTransport(t)
  unwire = wireEvents(t, (link) =>
    // Back after a drop: an error that only said "cannot reach" is no longer true.
    useSession.setState((s) => ({
      link,
      error: link === 'open' && s.link === 'reconnecting' ? null : s.error,
    })),
  )
  await api().getStatus({})
  await loadAll()
}

export const useSession = create<SessionState>((set, get) => ({
  phase: 'starting',
  host: null,
  link: 'connecting',
  error: null,
  async start() {
    if (started) return
    started = true
    const t = pickTransport(location.origin, () =>
      get().signOut('The admin token was refused. Sign in again.'),
    )
    if (!t) return set({ phase: 'signed-out' })
    try {
      await connect(t)
      set({ phase: 'ready', host: t.kind, error: null })
    } catch (err) {
      if (t.kind === 'http') get().signOut(errorMessage(err))
      else set({ phase: 'ready', host: 'ipc', error: errorMessage(err) })
    }
  },
  async signIn(token) {
    const trimmed = token.trim()
    if (!trimmed) {
      set({ error: 'Paste the admin token first.' })
      return false
    }
    const t = createHttpTransport({
      origin: location.origin,
      token: trimmed,
      onUnauthorized: () => get().signOut('The admin token was refused. Sign in again.'),
    })
    try {
      await connect(t)
    } catch (err) {
      unwire?.()
      setTransport(null)
      set({ phase: 'signed-out', error: errorMessage(err) })
      return false
    }
    saveToken(trimmed)
    set({ phase: 'ready', host: 'http', error: null })
    return true
  },
  signOut(message) {
    unwire?.()
    unwire = null
    setTransport(null)
    saveToken(null)
    set({ phase: 'signed-out', host: null, error: message ?? null })
  },
}))
