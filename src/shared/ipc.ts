import type { ErrorBody } from './errors.ts'

/** What an IPC call resolves to: Electron drops custom error fields, so errors travel as values. */
export type IpcResult<T = unknown> =
  { ok: true; value: T } | { ok: false; error: ErrorBody['error'] }

/** The channel on which main pushes core events to the window. */
export const EVENT_CHANNEL = 'switchboard:event'
