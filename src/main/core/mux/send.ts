import type { ServerResponse } from 'node:http'
import { errorCodes, SwitchboardError, toErrorBody } from '../../../shared/errors.ts'

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJsonText(res, status, JSON.stringify(body), headers)
}

/** Sends text that already is JSON, e.g. an upstream answer relayed unchanged. */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
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
