import type { ServerResponse } from 'node:http'
import { errorCodes, SwitchboardError, toErrorBody } from '../../../shared/errors.ts'

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

/** Maps any thrown value to a status and an OpenAI-style error body; unknown errors become 500. */
export function toSwitchboardError(err: unknown): SwitchboardError {
  if (err instanceof SwitchboardError) return err
  console.error('switchboard: unexpected error', err)
  return new SwitchboardError(
    'internal',
    'Switchboard hit an unexpected error. See its log for details.',
  )
}

export function sendError(
  res: ServerResponse,
  err: unknown,
  headers: Record<string, string> = {},
): void {
  const e = toSwitchboardError(err)
  if (res.headersSent) {
    res.destroy()
    return
  }
  sendJson(res, errorCodes[e.code], toErrorBody(e), headers)
}
