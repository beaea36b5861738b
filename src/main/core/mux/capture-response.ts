import type { ServerResponse } from 'node:http'

type Chunk = string | Uint8Array

/**
 * Copies the body written to `res` (never its headers), up to `maxBytes`, for the request bodies
 * kept for debugging; returns a function that reads the copy once the answer is done.
 */
export function captureResponse(res: ServerResponse, maxBytes: number): () => string {
  const chunks: Buffer[] = []
  let bytes = 0
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (bytes >= maxBytes || chunk === undefined || chunk === null || typeof chunk === 'function')
      return
    const buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array)
    chunks.push(buffer.subarray(0, maxBytes - bytes))
    bytes += Math.min(buffer.length, maxBytes - bytes)
  }
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  res.write = ((chunk: Chunk, ...rest: unknown[]) => {
    keep(chunk, rest[0])
    return write(chunk, ...rest)
  }) as ServerResponse['write']
  res.end = ((chunk?: Chunk, ...rest: unknown[]) => {
    keep(chunk, rest[0])
    return end(chunk, ...rest)
  }) as ServerResponse['end']
  return () => Buffer.concat(chunks).toString('utf8')
}
