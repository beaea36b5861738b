import { useCallback, useRef, useState } from 'react'
import type { Settings } from '../../../shared/schemas.ts'
import { useSettings } from '../stores/settings.ts'
import { errorMessage, errorParam } from '../transport/types.ts'

/** Where the last save of the settings stands, for the page's "Saving…" / "Saved" line. */
export type SaveState =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved' }
  | { phase: 'error'; message: string; key: keyof Settings | null }

/** The words for a save state; null when there is nothing to say. */
export function saveStateText(state: SaveState): string | null {
  if (state.phase === 'saving') return 'Saving…'
  if (state.phase === 'saved') return 'Saved'
  if (state.phase === 'error')
    return state.key ? 'Not saved: see the field marked below.' : state.message
  return null
}

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
  return { save, state, error: (key: keyof Settings) => errors[key] ?? null, editing }
}
