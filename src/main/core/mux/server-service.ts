import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ServerStatus } from '../../../shared/schemas.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

/** Listens and closes; the status says whether the proxy is up, or why not (e.g. port in use). */
export function createServerService(handler: Handler, onStatus: (status: ServerStatus) => void) {
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
        { keepAliveTimeout: 65_000, requestTimeout: 0 },
        (req, res) => void handler(req, res),
      )
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

export type ServerService = ReturnType<typeof createServerService>
