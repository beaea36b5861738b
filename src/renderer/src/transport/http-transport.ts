import { contract, type Api, type OperationName } from '../../../shared/contract.ts'
import type { ErrorBody } from '../../../shared/errors.ts'
import type { EventName } from '../../../shared/events.ts'
import { readSse } from './sse-reader.ts'
import { ApiError, type EventListener, type LinkState, type Transport } from './types.ts'

export interface HttpTransportOptions {
  /** e.g. http://127.0.0.1:8989 (the page's own origin in the browser). */
  origin: string
  token: string
  /** Called when the core refuses the token, so the UI can ask for it again. */
  onUnauthorized?: () => void
  fetch?: typeof fetch
  /** Delay before reconnecting the event stream (grows to 10 s). */
  retryMs?: number
}

/** Fills `:params` of a contract path from the input; returns the path and the unused fields. */
export function buildRequest(
  name: OperationName,
  input: Record<string, unknown>,
): { method: string; path: string; body?: string } {
  const { method, path } = contract[name].http
  const rest: Record<string, unknown> = { ...input }
  const filled = path.replace(/:(\w+)/g, (_m, key: string) => {
    const value = rest[key]
    delete rest[key]
    return encodeURIComponent(String(value ?? ''))
  })
  if (method === 'GET' || method === 'DELETE') {
    const query = new URLSearchParams()
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) query.set(k, String(v))
    const qs = query.toString()
    return { method, path: qs ? `${filled}?${qs}` : filled }
  }
  return { method, path: filled, body: JSON.stringify(rest) }
}

/** The contract over REST at /api/v1, events over SSE read with fetch (no token in URLs). */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const base = options.origin.replace(/\/+$/, '') + '/api/v1'
  const headers = { authorization: `Bearer ${options.token}` }
  const listeners = new Set<EventListener>()
  const linkListeners = new Set<(state: LinkState) => void>()
  let link: LinkState = 'connecting'
  let closed = false
  let controller: AbortController | null = null

  async function call(name: OperationName, input: unknown): Promise<unknown> {
    const req = buildRequest(name, (input ?? {}) as Record<string, unknown>)
    let res: Response
    try {
      res = await doFetch(base + req.path, {
        method: req.method,
        headers: req.body ? { ...headers, 'content-type': 'application/json' } : headers,
        body: req.body,
      })
    } catch {
      throw new ApiError(
        `Cannot reach Switchboard at ${options.origin}. Check that it is running.`,
        'network',
      )
    }
    const text = await res.text()
    const json = text ? (JSON.parse(text) as unknown) : null
    if (res.ok) return json
    const error = (json as ErrorBody | null)?.error
    if (res.status === 401) options.onUnauthorized?.()
    throw new ApiError(
      error?.message ?? `Switchboard answered HTTP ${res.status}.`,
      error?.code ?? 'internal',
      error?.param ?? null,
      error?.details,
    )
  }

  const api = Object.fromEntries(
    Object.keys(contract).map((name) => [
      name,
      (input: unknown) => call(name as OperationName, input),
    ]),
  ) as unknown as Api

  function setLink(state: LinkState) {
    link = state
    for (const l of linkListeners) l(state)
  }

  async function stream(): Promise<void> {
    let delay = options.retryMs ?? 500
    while (!closed) {
      controller = new AbortController()
      try {
        const res = await doFetch(base + '/events', { headers, signal: controller.signal })
        if (res.status === 401) {
          options.onUnauthorized?.()
          return
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
        setLink('open')
        delay = options.retryMs ?? 500
        await readSse(res.body, ({ event, data }) => {
          const payload = JSON.parse(data) as never
          for (const l of listeners) l(event as EventName, payload)
        })
      } catch {
        // Stream broke or the core restarted: retry below.
      }
      if (closed) return
      setLink('reconnecting')
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay = Math.min(delay * 2, 10_000)
    }
  }
  void stream()

  return {
    kind: 'http',
    api,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onLink(listener) {
      linkListeners.add(listener)
      listener(link)
      return () => linkListeners.delete(listener)
    },
    close() {
      closed = true
      controller?.abort()
    },
  }
}
