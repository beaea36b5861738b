/** Error codes every boundary understands; each maps to one HTTP status (see core/mux/http-errors.ts). */
export const errorCodes = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  no_route: 422,
  rate_limited: 429,
  internal: 500,
  upstream_error: 502,
  unavailable: 503,
  upstream_timeout: 504,
} as const

export type ErrorCode = keyof typeof errorCodes

/** The one error type of Switchboard: a code, a message that says what to do next, and the offending field. */
export class SwitchboardError extends Error {
  readonly code: ErrorCode
  readonly param: string | null
  readonly details: unknown

  constructor(
    code: ErrorCode,
    message: string,
    options: { param?: string; details?: unknown } = {},
  ) {
    super(message)
    this.name = 'SwitchboardError'
    this.code = code
    this.param = options.param ?? null
    this.details = options.details
  }
}

/** The OpenAI-style error body, used by every transport. */
export interface ErrorBody {
  error: { message: string; type: string; code: ErrorCode; param: string | null; details?: unknown }
}

export function errorType(code: ErrorCode): string {
  if (
    code === 'invalid_request' ||
    code === 'no_route' ||
    code === 'conflict' ||
    code === 'method_not_allowed' ||
    code === 'request_timeout' ||
    code === 'payload_too_large'
  )
    return 'invalid_request_error'
  if (code === 'unauthorized' || code === 'forbidden') return 'authentication_error'
  if (code === 'not_found') return 'not_found_error'
  if (code === 'rate_limited') return 'rate_limit_error'
  if (code.startsWith('upstream') || code === 'unavailable') return 'upstream_error'
  return 'server_error'
}

export function toErrorBody(err: SwitchboardError): ErrorBody {
  const body: ErrorBody = {
    error: { message: err.message, type: errorType(err.code), code: err.code, param: err.param },
  }
  if (err.details !== undefined) body.error.details = err.details
  return body
}

/** A field's path as clients write it, `messages[0].content`, from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key)
  return out
}
