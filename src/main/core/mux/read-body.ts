import type { IncomingMessage, ServerResponse } from 'node:http'
import { SwitchboardError } from '../../../shared/errors.ts'
import { scanJson, type RawJson } from './raw-json.ts'
import type { ThrottledLog } from './throttled-log.ts'

export const MAX_BODY_BYTES = 32 * 1024 * 1024

/** How large a request body may be and how long it may take to arrive after the headers. */
export interface BodyLimits {
  maxBytes: number
  timeoutMs: number
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: MAX_BODY_BYTES, timeoutMs: 60_000 }

/** After a 413 the rest of the body is read and dropped this long, so the client sees the answer. */
const DRAIN_GRACE_MS = 2_000

interface LimitedRequest {
  limits: BodyLimits
  res: ServerResponse
  deadline: number
  log?: ThrottledLog
}

// Kept on the request itself, not in a WeakMap: one WeakMap entry per request made a bare
// pass-through spend 10-20% more CPU per request, in young-generation collections.
const LIMITS = Symbol('body limits')
type Limited = IncomingMessage & { [LIMITS]?: LimitedRequest }

/** Applies the server's body limits to one request (the clock starts now); readJsonBody enforces them. */
export function limitBody(
  req: IncomingMessage,
  res: ServerResponse,
  limits: BodyLimits,
  log?: ThrottledLog,
): void {
  ;(req as Limited)[LIMITS] = { limits, res, deadline: performance.now() + limits.timeoutMs, log }
}

function tooLarge(limit: number): SwitchboardError {
  return new SwitchboardError(
    'payload_too_large',
    `The request body is larger than ${formatBytes(limit)}. Send a smaller request (fewer or shorter messages).`,
  )
}

function tooSlow(timeoutMs: number): SwitchboardError {
  return new SwitchboardError(
    'request_timeout',
    `The request body did not arrive within ${timeoutMs / 1000} s. Send the whole body at once.`,
  )
}

/** Arrays and objects inside each other, at most; real clients stay far below (tool schemas ~10). */
export const MAX_JSON_DEPTH = 512

/**
 * True when the JSON text nests arrays and objects deeper than `limit`. JSON.parse itself copes,
 * but code that walks the value later (JSON.stringify for the upstream) would overflow the stack.
 */
export function nestsDeeperThan(json: string, limit: number): boolean {
  return scanJson(json, limit).tooDeep
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n} bytes`
}

/** A parsed JSON body with the text it was parsed from. */
export interface JsonBody {
  value: unknown
  raw: RawJson
}

function parse(chunks: Buffer[]): JsonBody {
  // One chunk is the common case (a few KB on loopback): no copy through Buffer.concat.
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
  const text = bytes.toString('utf8')
  const { tooDeep, raw } = scanJson(text, MAX_JSON_DEPTH, bytes)
  if (tooDeep) {
    throw new SwitchboardError(
      'invalid_request',
      `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep. Send a flatter JSON body.`,
    )
  }
  if (!/\S/.test(text))
    return { value: {}, raw: { text: '{}', bytes: null, open: 1, members: new Map() } }
  try {
    return { value: JSON.parse(text), raw }
  } catch (err) {
    throw new SwitchboardError(
      'invalid_request',
      `The request body is not valid JSON (${(err as Error).message}). Send a JSON object with Content-Type: application/json.`,
    )
  }
}

/**
 * Reads and parses a JSON request body; empty bodies parse as `{}`. Too large: 413, and the rest
 * is dropped for a moment before the connection closes. Too slow: 408, and the connection
 * closes after the answer. Plain 'data'/'end' listeners rather than `for await`: this runs on
 * every proxied request, and the async iterator cost ~11 µs more CPU per request (measured with
 * bench/proxy.ts's request body).
 */
export function readJsonBody(req: IncomingMessage, limit?: number): Promise<unknown> {
  return readJsonRequest(req, limit).then((body) => body.value)
}

/** readJsonBody, with the text the value was parsed from (the proxy splices it upstream). */
export function readJsonRequest(req: IncomingMessage, limit?: number): Promise<JsonBody> {
  const entry = (req as Limited)[LIMITS]
  const maxBytes = limit ?? entry?.limits.maxBytes ?? MAX_BODY_BYTES
  const timeoutMs = entry?.limits.timeoutMs ?? DEFAULT_BODY_LIMITS.timeoutMs
  const deadline = entry?.deadline ?? performance.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      clearTimeout(timer)
      req.off('data', onData).off('end', onEnd).off('error', fail).off('close', onClose)
    }
    const fail = (err: Error) => {
      stop()
      reject(err)
    }
    const refuseTooLarge = () => {
      entry?.log?.(
        'body-too-large',
        `answered 413 to ${req.socket.remoteAddress}: ${req.method} ${req.url} sent more than ${formatBytes(maxBytes)}`,
      )
      fail(tooLarge(maxBytes))
      // Reading on lets the client finish sending and read the 413 (closing now resets it).
      const drop = setTimeout(() => req.destroy(), DRAIN_GRACE_MS).unref()
      req.on('data', () => {}).once('end', () => clearTimeout(drop))
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) chunks.push(chunk)
      else refuseTooLarge()
    }
    const onEnd = () => {
      stop()
      try {
        resolve(parse(chunks))
      } catch (err) {
        reject(err)
      }
    }
    // A client that goes away mid-body ends in 'close' without 'end'.
    const onClose = () =>
      fail(
        new SwitchboardError(
          'invalid_request',
          'The client closed the connection before sending the whole body.',
        ),
      )
    const onTimeout = () => {
      entry?.log?.(
        'body-timeout',
        `answered 408 to ${req.socket.remoteAddress}: the body of ${req.method} ${req.url} did not arrive within ${timeoutMs} ms`,
      )
      if (entry && !entry.res.headersSent) entry.res.setHeader('connection', 'close')
      else req.destroy()
      fail(tooSlow(timeoutMs))
    }
    const timer = setTimeout(onTimeout, Math.max(0, deadline - performance.now()))
    const declared = Number(req.headers['content-length'])
    if (declared > maxBytes) return refuseTooLarge()
    req.on('data', onData).once('end', onEnd).once('error', fail).once('close', onClose)
  })
}
