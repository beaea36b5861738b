import type { Settings } from '../../../shared/schemas.ts'

/** Where the last save of the settings stands, for the page's "Saving…" / "Saved" line. */
export type SaveState =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved' }
  | { phase: 'error'; message: string; key: keyof Settings | null; network?: boolean }

/** The words for a save state; null when there is nothing to say. */
export function saveStateText(state: SaveState): string | null {
  if (state.phase === 'saving') return 'Saving…'
  if (state.phase === 'saved') return 'Saved'
  if (state.phase === 'error')
    return state.key ? 'Not saved: see the field marked below.' : state.message
  return null
}
