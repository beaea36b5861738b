/** 1536 -> "1.5 KB"; sizes use powers of 1000 as disks and downloads show them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—'
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—'
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`
  const m = Math.floor(seconds / 60)
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—'
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`
}

/** "3 min ago" for recent times, a local date otherwise. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never'
  const s = Math.round((now - Date.parse(iso)) / 1000)
  if (s < 5) return 'just now'
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`
  return new Date(iso).toLocaleString()
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString()
}

/** "continuation of the turn decided at 14:03:09", or "first request of its turn". */
export function describeTurn(turn: { continued: boolean; decidedAt: string }): string {
  if (!turn.continued) return 'first request of its turn; its tool loop keeps this decision'
  const at = new Date(turn.decidedAt).toLocaleTimeString([], { hour12: false })
  return `continuation of the turn decided at ${at}`
}

export function target(t: { provider: string | null; model: string } | null | undefined): string {
  if (!t) return '—'
  return t.provider ? `${t.provider}/${t.model}` : t.model
}
