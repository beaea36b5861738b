import { createWriteStream, type WriteStream } from 'node:fs'
import { DownloadError, throwIfCancelled } from './download-error.ts'
import type { ProgressMeter } from './progress-meter.ts'

/**
 * Writes (or appends to) the part file from a response body, counting each chunk in `meter`;
 * throws a DownloadError (cancelled, network or disk) and always leaves the file closed.
 */
export async function writeBodyToPart(
  body: AsyncIterable<Buffer> & { destroy(): void },
  part: string,
  append: boolean,
  meter: ProgressMeter,
  context: { host: string; signal?: AbortSignal },
): Promise<void> {
  meter.start()
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' })
  let writeError: unknown = null
  out.on('error', (err) => (writeError ??= err))
  let readError: unknown = null
  try {
    // One chunk at a time, so every byte counted has been handed to the file: on a cancel or a
    // broken connection the part holds all of it and the resume asks for exactly the rest.
    for await (const chunk of body) {
      if (writeError) break
      if (!out.write(chunk)) await drained(out)
      meter.add(chunk.length)
    }
  } catch (err) {
    readError = err
  }
  if (writeError || readError) body.destroy()
  await closed(out)
  if (writeError) {
    throw new DownloadError(
      'disk',
      `Could not write ${part}: ${(writeError as Error).message}. Free some disk space or check the folder's permissions, then download again.`,
      { cause: writeError },
    )
  }
  if (readError) {
    throwIfCancelled(context.signal)
    throw new DownloadError(
      'network',
      `The download from ${context.host} broke off after ${meter.snapshot().receivedBytes} bytes (${(readError as Error).message}). Download again to resume.`,
      { cause: readError },
    )
  }
  meter.finish()
}

function drained(out: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done)
      out.off('close', done)
      resolve()
    }
    out.once('drain', done)
    out.once('close', done)
  })
}

/** Flushes and closes the part file; resolves once the file descriptor is closed. */
function closed(out: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (out.closed) return resolve()
    out.once('close', () => resolve())
    if (!out.destroyed) out.end()
  })
}
