import { readFile, stat } from 'node:fs/promises'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

export type Encoding = 'br' | 'gzip'

const compressors: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  // Quality 9: close to the best ratio for a script, in a fraction of quality 11's time.
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gzip: (data) => promisify(gzip)(data, { level: 9 }),
}

/** Text types worth compressing; images and fonts are compressed already. */
export function isCompressible(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript)|image\/svg\+xml)/.test(contentType)
}

/**
 * The best encoding the client accepts (brotli before gzip), or null. Reads q-values so that
 * `br;q=0` refuses brotli; `*` stands for any encoding not named.
 */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null
  const weights = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean)
    weights.set(name.trim(), q ? Number(q[1]) : 1)
  }
  const weight = (e: Encoding) => weights.get(e) ?? weights.get('*') ?? 0
  if (weight('br') > 0) return 'br'
  if (weight('gzip') > 0) return 'gzip'
  return null
}

interface Entry {
  mtimeMs: number
  size: number
  encoded: Map<Encoding, Promise<Buffer>>
}

/**
 * Compresses each file once per encoding and keeps the result in memory until the file changes
 * (a new build). Holds only the files asked for, so its size is bounded by the UI folder.
 */
export function createCompressedFiles() {
  const cache = new Map<string, Entry>()

  return {
    /** The file's bytes in `encoding`; compressed on the first request, from memory after. */
    async get(path: string, encoding: Encoding): Promise<Buffer> {
      const info = await stat(path)
      const cached = cache.get(path)
      const entry: Entry =
        cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size
          ? cached
          : { mtimeMs: info.mtimeMs, size: info.size, encoded: new Map() }
      cache.set(path, entry)
      let encoded = entry.encoded.get(encoding)
      if (!encoded) {
        // The promise is cached, so requests that arrive together compress the file once.
        encoded = readFile(path).then(compressors[encoding])
        encoded.catch(() => entry.encoded.delete(encoding))
        entry.encoded.set(encoding, encoded)
      }
      return encoded
    },
  }
}
