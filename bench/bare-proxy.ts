import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { once } from 'node:events'
import { Pool } from 'undici'

// The floor: the least a Node proxy can do. It streams the request body to the upstream over a
// keep-alive undici pool (the client Switchboard uses) and pipes the answer back untouched.
// The answer is copied with a write loop rather than stream.pipeline: on this kind of machine
// pipeline's bookkeeping cost ~40% more CPU per request, and the floor should be the cheap way.

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade'])

/** Starts the bare pass-through proxy on 127.0.0.1 with a free port, forwarding to `upstreamUrl`. */
export async function startBareProxy(
  upstreamUrl: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new Pool(upstreamUrl, { keepAliveTimeout: 30_000 })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const headers: Record<string, string> = {
        'content-type': req.headers['content-type'] ?? 'application/json',
      }
      if (req.headers['content-length']) headers['content-length'] = req.headers['content-length']
      const upstream = await pool.request({
        path: req.url ?? '/',
        method: (req.method ?? 'GET') as 'POST',
        headers,
        body: req.method === 'GET' ? null : req,
      })
      const out: Record<string, string | string[]> = {}
      for (const [name, value] of Object.entries(upstream.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value
      res.writeHead(upstream.statusCode, out)
      for await (const chunk of upstream.body) if (!res.write(chunk)) await once(res, 'drain')
      res.end()
    } catch (err) {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(String(err))
    }
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await pool.close()
    },
  }
}
