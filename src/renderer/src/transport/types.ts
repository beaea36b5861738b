import type { Api } from '../../../shared/contract.ts'
import type { ErrorCode } from '../../../shared/errors.ts'
import type { EventMap, EventName } from '../../../shared/events.ts'

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void

/** Whether pushed events are arriving; `reconnected` tells stores to reload what they missed. */
export type LinkState = 'connecting' | 'open' | 'reconnecting'

/** One way to reach the core: Electron IPC (desktop) or REST + SSE (browser at /ui). */
export interface Transport {
  kind: 'ipc' | 'http'
  api: Api
  onEvent(listener: EventListener): () => void
  /** Event-stream health; IPC is always open. */
  onLink(listener: (state: LinkState) => void): () => void
  close(): void
}

/** An error from the core, with its code and the offending field when there is one. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'network'
  readonly param: string | null
  readonly details: unknown

  constructor(
    message: string,
    code: ErrorCode | 'network',
    param: string | null = null,
    details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.param = param
    this.details = details
  }
}

/** Words for any thrown value, for showing where the action happened. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}

/** The field an error is about (for showing it next to that field), if any. */
export function errorParam(err: unknown): string | null {
  if (err && typeof err === 'object' && 'param' in err && typeof err.param === 'string')
    return err.param
  return null
}
