import { create } from 'zustand'

/** A form with changes not saved yet: what to call it, and how to save or drop them. */
export interface UnsavedForm {
  label: string
  /** Saves the changes; false (or a throw) when the core refused them, so leaving stops. */
  save(): Promise<boolean>
  discard(): void
}

export type LeaveChoice = 'save' | 'discard' | 'stay'

interface UnsavedState {
  forms: Record<string, UnsavedForm>
  /** The move waiting for the user's choice, while the dialog asks. */
  pending: { proceed: () => void } | null
  /** Why saving from the dialog failed; the dialog stays open with it. */
  error: string | null
  saving: boolean
  mark(id: string, form: UnsavedForm | null): void
  /** Runs `proceed` at once when nothing is unsaved; otherwise asks Save / Discard / Stay first. */
  guard(proceed: () => void): void
  choose(choice: LeaveChoice): Promise<void>
}

/** Every form that can be left (page change, workspace switch, closing the window) asks here first. */
export const useUnsaved = create<UnsavedState>((set, get) => ({
  forms: {},
  pending: null,
  error: null,
  saving: false,
  mark(id, form) {
    set((s) => {
      const forms = { ...s.forms }
      if (form) forms[id] = form
      else delete forms[id]
      return { forms }
    })
  },
  guard(proceed) {
    if (Object.keys(get().forms).length === 0) return proceed()
    set({ pending: { proceed }, error: null })
  },
  async choose(choice) {
    const { pending, forms } = get()
    if (!pending) return
    if (choice === 'stay') return set({ pending: null, error: null })
    if (choice === 'discard') {
      for (const form of Object.values(forms)) form.discard()
      set({ forms: {}, pending: null, error: null })
      return pending.proceed()
    }
    set({ saving: true, error: null })
    try {
      for (const [id, form] of Object.entries(forms)) {
        if (!(await form.save())) {
          return set({ error: `${form.label}: fix what is marked, then save again.` })
        }
        get().mark(id, null)
      }
    } catch (err) {
      return set({ error: err instanceof Error ? err.message : String(err) })
    } finally {
      set({ saving: false })
    }
    set({ pending: null })
    pending.proceed()
  },
}))

/** Whether any form holds unsaved changes (for beforeunload). */
export const hasUnsaved = (): boolean => Object.keys(useUnsaved.getState().forms).length > 0
