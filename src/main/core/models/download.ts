import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { getGlobalDispatcher, interceptors, request, type Dispatcher } from 'undici'
import { DownloadError, throwIfCancelled } from './download-error.ts'
import { GgufHeaderError, readGgufHeader, type GgufHeader } from './gguf-header.ts'
import { createProgressMeter, type DownloadProgress } from './progress-meter.ts'
import { writeBodyToPart } from './write-part.ts'

export type { DownloadProgress } from './progress-meter.ts'
export { DownloadError, type DownloadErrorReason } from './download-error.ts'

// Streams a model file to `<dest>.part`, resuming with a Range request when a part exists, and
// renames it to `dest` only after it is verified. A cancelled or broken download keeps its part.

export interface DownloadOptions {
  url: string
  dest: string
  /** The size the file must have; a different size on the server or on disk is rejected. */
  expectedSize?: number | null
  /** Lowercase hex SHA-256 the file must have, when known. */
  sha256?: string | null
  signal?: AbortSignal
  onProgress?: (progress: DownloadProgress) => void
  dispatcher?: Dispatcher
  progressIntervalMs?: number
}

export interface DownloadResult {
  path: string
  sizeBytes: number
  /** The computed SHA-256, when one was expected. */
  sha256: string | null
  header: GgufHeader
  /** Bytes that were already on disk and not downloaded again (0 for a fresh download). */
  resumedFromBytes: number
}

const MAX_REDIRECTS = 5

/** Downloads a GGUF file with resume, throttled progress, cancel and verification; throws DownloadError. */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const part = options.dest + '.part'
  await mkdir(dirname(options.dest), { recursive: true })
  throwIfCancelled(options.signal)
  const expected = options.expectedSize ?? null
  let onDisk = await fileSize(part)
  if (expected !== null && onDisk > expected) {
    await rm(part, { force: true })
    onDisk = 0
  }
  // A part of exactly the expected size is a finished download whose verification was interrupted.
  const fetched =
    expected !== null && onDisk === expected && onDisk > 0
      ? { totalBytes: expected, resumedFromBytes: onDisk }
      : await fetchToPart(options, part, onDisk)
  return verifyAndPlace(options, part, fetched.totalBytes, fetched.resumedFromBytes)
}

async function fetchToPart(
  options: DownloadOptions,
  part: string,
  onDisk: number,
): Promise<{ totalBytes: number | null; resumedFromBytes: number }> {
  const expected = options.expectedSize ?? null
  let startAt = onDisk
  // Two rounds at most: a refused range (416) restarts once from zero.
  for (let round = 0; round < 2; round++) {
    const res = await send(options, startAt)
    const status = res.statusCode
    if (status === 416 && startAt > 0) {
      await res.body.dump()
      const total = parseContentRange(res.headers['content-range'])?.total ?? null
      if (total === startAt) return { totalBytes: total, resumedFromBytes: startAt }
      await rm(part, { force: true })
      startAt = 0
      continue
    }
    if (status !== 200 && status !== 206) {
      await res.body.dump()
      throw httpError(status, options.url)
    }
    let offset = 0
    let total: number | null
    if (status === 206) {
      const range = parseContentRange(res.headers['content-range'])
      if (!range || range.start !== startAt) {
        await res.body.dump()
        await rm(part, { force: true })
        throw new DownloadError(
          'http',
          `${options.url} answered with a different byte range than asked for. The partial file was removed; download again.`,
        )
      }
      offset = startAt
      total = range.total
    } else {
      // 200 is the whole file: either no range was asked for, or the server ignores ranges.
      total = headerNumber(res.headers['content-length'])
    }
    total ??= expected
    if (expected !== null && total !== expected) {
      await res.body.dump()
      await rm(part, { force: true })
      throw new DownloadError(
        'corrupt',
        `${options.url} offers ${total} bytes, but ${expected} were expected. The catalog entry may be out of date; choose another model or update the app.`,
      )
    }
    const meter = createProgressMeter({
      startBytes: offset,
      totalBytes: total,
      onProgress: options.onProgress ?? (() => {}),
      ...(options.progressIntervalMs !== undefined
        ? { intervalMs: options.progressIntervalMs }
        : {}),
    })
    await writeBodyToPart(res.body, part, offset > 0, meter, {
      host: hostOf(options.url),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    return { totalBytes: total, resumedFromBytes: offset }
  }
  throw new DownloadError('http', `${options.url} refused every byte range. Try again later.`)
}

async function send(options: DownloadOptions, startAt: number): Promise<Dispatcher.ResponseData> {
  const headers: Record<string, string> = { 'user-agent': 'Switchboard', accept: '*/*' }
  if (startAt > 0) headers.range = `bytes=${startAt}-`
  const dispatcher = (options.dispatcher ?? getGlobalDispatcher()).compose(
    interceptors.redirect({ maxRedirections: MAX_REDIRECTS }),
  )
  try {
    return await request(options.url, {
      method: 'GET',
      headers,
      dispatcher,
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch (err) {
    throwIfCancelled(options.signal)
    throw new DownloadError(
      'network',
      `Could not connect to ${hostOf(options.url)}: ${(err as Error).message}. Check the network connection and download again.`,
      { cause: err },
    )
  }
}

async function verifyAndPlace(
  options: DownloadOptions,
  part: string,
  totalBytes: number | null,
  resumedFromBytes: number,
): Promise<DownloadResult> {
  const size = await fileSize(part)
  const expected = options.expectedSize ?? totalBytes
  if (expected !== null && size < expected) {
    throw new DownloadError(
      'network',
      `The download ended early (${size} of ${expected} bytes). Download again to resume.`,
    )
  }
  const corrupt = async (why: string) => {
    await rm(part, { force: true })
    return new DownloadError(
      'corrupt',
      `The file from ${options.url} was rejected: ${why}. It was deleted; download again, or choose another model if this repeats.`,
    )
  }
  if (expected !== null && size > expected) {
    throw await corrupt(`it has ${size} bytes, not ${expected}`)
  }
  let header: GgufHeader
  try {
    header = await readGgufHeader(part)
  } catch (err) {
    throw await corrupt(err instanceof GgufHeaderError ? err.detail : (err as Error).message)
  }
  let sha256: string | null = null
  if (options.sha256) {
    sha256 = await sha256File(part)
    if (sha256 !== options.sha256.toLowerCase()) {
      throw await corrupt(`its SHA-256 is ${sha256}, not the expected ${options.sha256}`)
    }
  }
  await rename(part, options.dest)
  return { path: options.dest, sizeBytes: size, sha256, header, resumedFromBytes }
}

/** SHA-256 of a file as lowercase hex, streamed so large models need no memory. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(file), hash)
  return hash.digest('hex')
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw err
  }
}

function httpError(status: number, url: string): DownloadError {
  const advice =
    status === 401 || status === 403
      ? 'The file needs a login or an accepted licence on its site; download it there and import it.'
      : status === 404
        ? 'The file is no longer at this address; the catalog entry may be out of date.'
        : status >= 500 || status === 429
          ? 'The server has a problem; try again later.'
          : 'Check the address.'
  return new DownloadError('http', `${url} answered HTTP ${status}. ${advice}`)
}

function parseContentRange(
  value: string | string[] | undefined,
): { start: number; total: number | null } | null {
  const text = Array.isArray(value) ? value[0] : value
  const match = text?.match(/^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/)
  if (!match) return null
  return {
    start: match[1] === undefined ? -1 : Number(match[1]),
    total: match[2] === '*' ? null : Number(match[2]),
  }
}

function headerNumber(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
