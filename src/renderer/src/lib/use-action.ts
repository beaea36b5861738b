import { useCallback, useEffect, useRef, useState } from 'react'
import { useSession } from '../stores/session.ts'
import { ApiError, errorMessage, errorParam } from '../transport/types.ts'

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>
  pending: boolean
  /** The core's message for the last failure, shown where the action was taken. */
  error: string | null
  /** The input field the failure is about, when the core named one. */
  param: string | null
  reset(): void
}

/** Runs an async action, tracking pending state and keeping its error for display in place. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<{
    message: string
    param: string | null
    network: boolean
  } | null>(null)
  const fnRef = useRef(fn)
  fnRef.current = fn
  const run = useCallback(async (...args: A) => {
    setPending(true)
    setError(null)
    try {
      return await fnRef.current(...args)
    } catch (err) {
      setError({
        message: errorMessage(err),
        param: errorParam(err),
        network: err instanceof ApiError && err.code === 'network',
      })
      return undefined
    } finally {
      setPending(false)
    }
  }, [])
  const reset = useCallback(() => setError(null), [])
  // "Cannot reach Switchboard" stops being true when the connection comes back.
  const link = useSession((s) => s.link)
  const lastLink = useRef(link)
  useEffect(() => {
    const back = link === 'open' && lastLink.current !== 'open'
    lastLink.current = link
    if (back) setError((e) => (e?.network ? null : e))
  }, [link])
  return { run, pending, error: error?.message ?? null, param: error?.param ?? null, reset }
}
