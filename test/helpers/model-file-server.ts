import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

// A loopback file server for model downloads: serves fixed bytes per path, honours (or ignores)
// `Range: bytes=N-`, can send slowly so a test can cancel mid-way, and can cut the connection.

export interface FileServerBehaviour {
  /** Answer `Range` requests with 206 (default) or ignore them and send the whole file. */
  honourRange: boolean
  /** Bytes per write. */
  chunkBytes: number
  /** Pause between writes; 0 sends as fast as the socket takes it. */
  delayMs: number
  /** Destroy the socket after this many body bytes of the next response (then reset to null). */
  cutAfterBytes: number | null
  /** Paths answered with 302 to another path, as Hugging Face's resolve URLs redirect to a CDN. */
  redirects: Record<string, string>
}

export interface FileServerRequest {
  path: string
  range: string | undefined
}

export interface ModelFileServer {
  url: string
  requests: FileServerRequest[]
  behaviour: FileServerBehaviour
  close(): Promise<void>
}

/** Starts a file server on 127.0.0.1 (free port) serving `files` by path, e.g. { '/m.gguf': bytes }. */
export async function startModelFileServer(
  files: Record<string, Buffer>,
  behaviour: Partial<FileServerBehaviour> = {},
): Promise<ModelFileServer> {
  const state: FileServerBehaviour = {
    honourRange: true,
    chunkBytes: 16 * 1024,
    delayMs: 0,
    cutAfterBytes: null,
    redirects: {},
    ...behaviour,
  }
  const requests: FileServerRequest[] = []
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    requests.push({ path, range: req.headers.range })
    const location = state.redirects[path]
    if (location) {
      res.writeHead(302, { location })
      res.end()
      return
    }
    const data = files[path]
    if (req.method !== 'GET' || !data) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not found')
      return
    }
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    if (match && state.honourRange) {
      const start = Number(match[1])
      if (start >= data.length) {
        res.writeHead(416, { 'content-range': `bytes */${data.length}` })
        res.end()
        return
      }
      res.writeHead(206, {
        'content-type': 'application/octet-stream',
        'content-length': data.length - start,
        'content-range': `bytes ${start}-${data.length - 1}/${data.length}`,
        'accept-ranges': 'bytes',
      })
      void sendBody(res, data.subarray(start), state)
      return
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': data.length,
      ...(state.honourRange ? { 'accept-ranges': 'bytes' } : {}),
    })
    void sendBody(res, data, state)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behaviour: state,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function sendBody(res: ServerResponse, data: Buffer, state: FileServerBehaviour) {
  const cutAt = state.cutAfterBytes
  state.cutAfterBytes = null
  const maxWrites = Math.ceil(data.length / state.chunkBytes) + 1
  let sent = 0
  for (let i = 0; i < maxWrites && sent < data.length; i++) {
    if (res.destroyed) return
    let end = Math.min(data.length, sent + state.chunkBytes)
    const cutting = cutAt !== null && end >= cutAt
    if (cutting) end = cutAt
    await write(res, data.subarray(sent, end))
    sent = end
    if (cutting) {
      // A moment for the client to take the bytes, as a real broken connection would allow.
      await sleep(50)
      res.socket?.destroy()
      return
    }
    if (state.delayMs > 0) await sleep(state.delayMs)
  }
  if (!res.destroyed) res.end()
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (chunk.length === 0 || res.destroyed) return resolve()
    // A client that went away never flushes: resolve on close too.
    const done = () => {
      res.off('close', done)
      resolve()
    }
    res.once('close', done)
    res.write(chunk, () => done())
  })
}
