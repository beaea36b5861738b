export interface DownloadProgress {
  /** Bytes on disk so far, including any resumed part. */
  receivedBytes: number
  /** Size of the whole file, or null when the server did not say and no size was expected. */
  totalBytes: number | null
  /** Smoothed download speed. */
  bytesPerSecond: number
  /** Seconds left at the smoothed speed; null while unknown. */
  etaSeconds: number | null
}

export interface ProgressMeterOptions {
  startBytes: number
  totalBytes: number | null
  onProgress: (progress: DownloadProgress) => void
  /** At most one report per interval (250 ms: ~4 updates a second, enough for a progress bar). */
  intervalMs?: number
  now?: () => number
}

// Weight of the newest sample in the moving average: smooth enough that the ETA does not jump
// around, quick enough to follow a real change of speed within a couple of seconds.
const SMOOTHING = 0.3

/** Counts received bytes and reports throttled progress with a smoothed speed and ETA. */
export function createProgressMeter(options: ProgressMeterOptions) {
  const interval = options.intervalMs ?? 250
  const now = options.now ?? (() => performance.now())
  let received = options.startBytes
  let speed = 0
  let sampleAt = now()
  let sampleBytes = received
  let lastReport = -Infinity

  function snapshot(): DownloadProgress {
    const total = options.totalBytes
    const eta = total !== null && speed > 0 ? Math.max(0, (total - received) / speed) : null
    return {
      receivedBytes: received,
      totalBytes: total,
      bytesPerSecond: Math.round(speed),
      etaSeconds: eta === null ? null : Math.round(eta),
    }
  }

  function report(at: number): void {
    const seconds = (at - sampleAt) / 1000
    if (seconds > 0 && received > sampleBytes) {
      const instant = (received - sampleBytes) / seconds
      speed = speed === 0 ? instant : SMOOTHING * instant + (1 - SMOOTHING) * speed
      sampleAt = at
      sampleBytes = received
    }
    lastReport = at
    options.onProgress(snapshot())
  }

  return {
    /** Reports the starting point, so a resumed download shows its bytes at once. */
    start(): void {
      report(now())
    },
    add(bytes: number): void {
      received += bytes
      const at = now()
      if (at - lastReport >= interval) report(at)
    },
    /** Reports the final numbers regardless of the throttle. */
    finish(): void {
      report(now())
    },
    snapshot,
  }
}

export type ProgressMeter = ReturnType<typeof createProgressMeter>
