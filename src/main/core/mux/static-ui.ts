import { createReadStream, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { SwitchboardError } from '../../../shared/errors.ts'
import { createCompressedFiles, isCompressible, pickEncoding } from './compressed-files.ts'

export const UI_PREFIX = '/ui'
/** Browsers ask the site root for its icon; the UI's own icon answers. */
export const ROOT_FAVICON = '/favicon.ico'
const FAVICON_FILE = 'favicon.png'
/** Below this, compressing saves less than the headers it costs. */
const MIN_COMPRESS_BYTES = 1024

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/**
 * Serves the built renderer under /ui for the browser host. Static files need no token: they hold
 * no data, and the API they call still does. Unknown paths without an extension get index.html
 * so client routes survive a reload; anything resolving outside `dir` is refused. Text files go
 * out brotli- or gzip-compressed when the client accepts it (compressed once, kept in memory).
 */
export function createStaticUi(dir: string) {
  const root = resolve(dir)
  const compressed = createCompressedFiles()

  function resolveFile(url: URL): string {
    if (url.pathname === ROOT_FAVICON) return join(root, FAVICON_FILE)
    let relative: string
    try {
      relative = decodeURIComponent(url.pathname.slice(UI_PREFIX.length + 1))
    } catch {
      throw new SwitchboardError('invalid_request', 'The UI path is not valid URL encoding.')
    }
    const target = resolve(root, relative)
    if (relative.includes('\0') || (target !== root && !target.startsWith(root + sep))) {
      throw new SwitchboardError('forbidden', 'That path is outside the UI folder.')
    }
    if (isFile(target)) return target
    if (extname(relative)) {
      throw new SwitchboardError('not_found', `The UI has no file ${url.pathname}.`)
    }
    const index = join(root, 'index.html')
    if (!isFile(index)) {
      throw new SwitchboardError(
        'not_found',
        'The UI is not built. Run `npx electron-vite build` and restart Switchboard.',
      )
    }
    return index
  }

  return async function serveUi(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new SwitchboardError('invalid_request', `${UI_PREFIX} only takes GET.`)
    }
    // Relative asset URLs in index.html need the trailing slash.
    if (url.pathname === UI_PREFIX) {
      res.writeHead(308, { location: UI_PREFIX + '/' + url.search })
      res.end()
      return
    }
    const file = resolveFile(url)
    if (!isFile(file))
      throw new SwitchboardError('not_found', `The UI has no file ${url.pathname}.`)
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    const isIndex = file.endsWith('index.html')
    const size = statSync(file).size
    const headers: Record<string, string | number> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      // Hashed assets never change; index.html (and the unhashed icon) must pick up new builds.
      'cache-control':
        isIndex || file.endsWith(FAVICON_FILE) ? 'no-cache' : 'public, max-age=31536000, immutable',
    }
    const compressible = isCompressible(type) && size >= MIN_COMPRESS_BYTES
    const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : null
    if (compressible) headers.vary = 'Accept-Encoding'
    if (encoding) {
      const body = await compressed.get(file, encoding)
      res.writeHead(200, {
        ...headers,
        'content-encoding': encoding,
        'content-length': body.length,
      })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    res.writeHead(200, { ...headers, 'content-length': size })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(file).pipe(res)
  }
}
