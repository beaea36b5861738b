import { useCallback, useEffect, useRef, useState } from 'react'
import type { Settings } from '../../../shared/schemas.ts'
import { useSession } from '../stores/session.ts'
import { useSettings } from '../stores/settings.ts'
import { ApiError, errorMessage, errorParam } from '../transport/types.ts'
import type { SaveState } from './save-state.ts'

/**
 * Saves settings as they change and keeps, per field, the core's refusal until that field is
 * edited again; the page shows whether the last change is saving, saved or refused.
 */
export function useSettingsSave() {
  const update = useSettings((s) => s.update)
  const [state, setState] = useState<SaveState>({ phase: 'idle' })
  const [errors, setErrors] = useState<Partial<Record<keyof Settings, string>>>({})
  // Only the newest save may set the state: an older one finishing late would say "Saved" wrongly.
  const seq = useRef(0)
  const save = useCallback(
    async (patch: Partial<Settings>) => {
      const mine = ++seq.current
      const keys = Object.keys(patch) as (keyof Settings)[]
      setState({ phase: 'saving' })
      setErrors((e) => {
        const next = { ...e }
        for (const k of keys) delete next[k]
        return next
      })
      try {
        await update(patch)
        if (mine === seq.current) setState({ phase: 'saved' })
      } catch (err) {
        const network = err instanceof ApiError && err.code === 'network'
        if (network) {
          if (mine === seq.current)
            setState({ phase: 'error', message: errorMessage(err), key: null, network })
          return
        }
        const param = errorParam(err)
        const key = keys.find((k) => k === param) ?? (keys.length === 1 ? keys[0] : null) ?? null
        const message = errorMessage(err)
        if (key) setErrors((e) => ({ ...e, [key]: message }))
        if (mine === seq.current) setState({ phase: 'error', message, key })
      }
    },
    [update],
  )
  /** The user is changing this field: its old error no longer describes what is typed. */
  const editing = useCallback((key: keyof Settings) => {
    setErrors((e) => {
      if (!(key in e)) return e
      const next = { ...e }
      delete next[key]
      return next
    })
    setState((s) => (s.phase === 'error' && s.key === key ? { phase: 'idle' } : s))
  }, [])
  // "Cannot reach Switchboard" is over once the connection is back; the user saves again.
  const link = useSession((s) => s.link)
  useEffect(() => {
    if (link === 'open') setState((s) => (s.phase === 'error' && s.network ? { phase: 'idle' } : s))
  }, [link])
  return { save, state, error: (key: keyof Settings) => errors[key] ?? null, editing }
}
