/** Writes a line of one kind at most once per interval; the next line says how many were held back. */
export type ThrottledLog = (kind: string, line: string) => void

/** A log for events a misbehaving client can cause by the thousand (timeouts, refused connections). */
export function createThrottledLog(
  write: (line: string) => void = (line) => console.warn(line),
  intervalMs = 60_000,
): ThrottledLog {
  const kinds = new Map<string, { lastAt: number; held: number }>()
  return (kind, line) => {
    const now = performance.now()
    const state = kinds.get(kind)
    if (state && now - state.lastAt < intervalMs) {
      state.held++
      return
    }
    const held = state?.held ?? 0
    kinds.set(kind, { lastAt: now, held: 0 })
    write(`switchboard: ${line}${held ? ` (${held} more like this since the last report)` : ''}`)
  }
}
