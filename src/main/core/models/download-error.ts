// The one error type of model downloads; `reason` tells the caller whether a part file remains.

export type DownloadErrorReason = 'cancelled' | 'network' | 'http' | 'corrupt' | 'disk'

/** Why a download failed: cancelled, network and disk keep the part for resume; corrupt deletes it. */
export class DownloadError extends Error {
  readonly reason: DownloadErrorReason

  constructor(reason: DownloadErrorReason, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'DownloadError'
    this.reason = reason
  }
}

/** Throws a `cancelled` DownloadError when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new DownloadError('cancelled', 'The download was cancelled. Download again to resume.')
  }
}
