import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  errorCodes,
  SwitchboardError,
  toErrorBody,
  type ErrorCode,
} from '../../../shared/errors.ts'
import type { ServerStatus } from '../../../shared/schemas.ts'
import { MAX_BODY_BYTES } from './read-body.ts'
import { createThrottledLog, type ThrottledLog } from './throttled-log.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

/** What one client may hold of the server; a slow or greedy client cannot pin it down. */
export interface ServerLimits {
  /** The request line and headers must arrive within this; then the connection is closed. */
  headersTimeoutMs: number
  /** The body must arrive within this after the headers (408); a response stream is never cut. */
  bodyTimeoutMs: number
  maxBodyBytes: number
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number
  /** Open connections one client address may hold (agents run hundreds of streams); then 429. */
  maxConnectionsPerAddress: number
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 60_000,
  maxBodyBytes: MAX_BODY_BYTES,
  keepAliveTimeoutMs: 15_000,
  maxConnectionsPerAddress: 1024,
}

/** Listens and closes; the status says whether the proxy is up, or why not (e.g. port in use). */
export function createServerService(
  handler: Handler,
  onStatus: (status: ServerStatus) => void,
  limits: ServerLimits = DEFAULT_SERVER_LIMITS,
  log: ThrottledLog = createThrottledLog(),
) {
  let server: Server | undefined
  let status: ServerStatus = { state: 'stopped' }

  function setStatus(next: ServerStatus): ServerStatus {
    status = next
    onStatus(next)
    return next
  }

  return {
    status: () => status,
    /** Starts listening; resolves with the status (an error status, not a rejection, when the port is taken). */
    async start(host: string, port: number): Promise<ServerStatus> {
      if (server) await this.stop()
      const s = createServer(
        {
          headersTimeout: limits.headersTimeoutMs,
          // Node's own whole-request limit is only a backstop: read-body answers a slow body
          // first, with a JSON 408. It stops counting once the request is in, so streams live on.
          requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 5_000,
          // How often Node looks for expired requests; its 30 s default would stretch the limits.
          connectionsCheckingInterval: Math.round(
            Math.min(1_000, Math.max(25, limits.headersTimeoutMs / 4)),
          ),
          keepAliveTimeout: limits.keepAliveTimeoutMs,
        },
        (req, res) => void handler(req, res),
      )
      s.on('connection', capConnectionsPerAddress(limits.maxConnectionsPerAddress, log))
      s.on('clientError', (err, socket) => answerClientError(err, socket as Socket, limits, log))
      server = s
      return new Promise((resolve) => {
        s.once('error', (err: NodeJS.ErrnoException) => {
          server = undefined
          const inUse = err.code === 'EADDRINUSE'
          resolve(
            setStatus({
              state: 'error',
              code: inUse ? 'port_in_use' : 'other',
              message: inUse
                ? `Port ${port} on ${host} is in use by another program. Choose another port, or stop that program.`
                : `Could not listen on ${host}:${port}: ${err.message}`,
            }),
          )
        })
        s.listen(port, host, () => {
          const { port: actual } = s.address() as AddressInfo
          const shownHost = host.includes(':') ? `[${host}]` : host
          resolve(
            setStatus({
              state: 'listening',
              host,
              port: actual,
              url: `http://${shownHost}:${actual}`,
            }),
          )
        })
      })
    },
    /** Does not listen on `host`, which other machines could reach without consent; the status says why. */
    async refuse(host: string): Promise<ServerStatus> {
      await this.stop()
      return setStatus({
        state: 'error',
        code: 'other',
        message: `Not listening on ${host}: other machines could reach the proxy there, and that is not allowed. Turn on allowRemote in the settings (or start with --allow-remote), or use 127.0.0.1.`,
      })
    },
    /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes what is left. */
    async stop(graceMs = 10_000): Promise<void> {
      const s = server
      if (!s) return
      server = undefined
      const closed = new Promise<void>((resolve) => s.close(() => resolve()))
      s.closeIdleConnections()
      const timer = setTimeout(() => s.closeAllConnections(), graceMs)
      await closed
      clearTimeout(timer)
      setStatus({ state: 'stopped' })
    },
  }
}

/** Counts open connections per remote address and refuses (429) the ones over the cap. */
function capConnectionsPerAddress(max: number, log: ThrottledLog) {
  const open = new Map<string, number>()
  return (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown'
    const count = (open.get(address) ?? 0) + 1
    if (count > max) {
      log(
        'connection-cap',
        `refused a connection from ${address}: it already holds ${max} open connections`,
      )
      socket.on('error', () => {})
      socket.end(
        rawJsonResponse(
          'rate_limited',
          `Too many open connections from ${address} (at most ${max}). Close idle connections or reuse them.`,
        ),
      )
      return
    }
    open.set(address, count)
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left > 0) open.set(address, left)
      else open.delete(address)
    })
  }
}

/** Answers requests Node could not parse or that did not arrive in time, with a JSON body and a log line. */
function answerClientError(
  err: NodeJS.ErrnoException,
  socket: Socket,
  limits: ServerLimits,
  log: ThrottledLog,
): void {
  const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
  const address = socket.remoteAddress ?? 'unknown'
  if (timedOut) {
    log(
      'request-timeout',
      `closed a connection from ${address}: its request did not arrive in time (headers within ${limits.headersTimeoutMs} ms)`,
    )
  }
  // A response already under way on this socket cannot take another one (Node's own check).
  const busy = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage?.headersSent
  if (err.code === 'ECONNRESET' || !socket.writable || busy) {
    socket.destroy()
    return
  }
  socket.end(
    timedOut
      ? rawJsonResponse(
          'request_timeout',
          'The request did not arrive in time. Send the headers and the body at once.',
        )
      : rawJsonResponse('invalid_request', `Malformed HTTP request (${err.code ?? err.message}).`),
  )
}

function rawJsonResponse(code: ErrorCode, message: string): string {
  const status = errorCodes[code]
  const body = JSON.stringify(toErrorBody(new SwitchboardError(code, message)))
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
  )
}

export type ServerService = ReturnType<typeof createServerService>
