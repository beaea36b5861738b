import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  DownloadError,
  downloadFile,
  type DownloadOptions,
  type DownloadProgress,
} from '../../src/main/core/models/download.ts'
import { writeTinyLlamaGguf } from '../helpers/gguf-writer.ts'
import { startModelFileServer, type ModelFileServer } from '../helpers/model-file-server.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

// Real HTTP on 127.0.0.1 against a file server that speaks Range, sends slowly on request and can
// cut the connection; the file is a real GGUF written by the test (~0.5 MB).

let model: Buffer
let modelSha: string
let server: ModelFileServer
let dir: string
let cleanup: () => void

beforeAll(() => {
  const tmp = makeTempDir()
  writeTinyLlamaGguf(join(tmp.dir, 'tiny.gguf'))
  model = readFileSync(join(tmp.dir, 'tiny.gguf'))
  modelSha = createHash('sha256').update(model).digest('hex')
  tmp.cleanup()
})

beforeEach(async () => {
  ;({ dir, cleanup } = makeTempDir())
  const notGguf = Buffer.concat([Buffer.from('<html>'), randomBytes(model.length - 6)])
  server = await startModelFileServer({ '/tiny.gguf': model, '/not-gguf.gguf': notGguf })
})

afterEach(async () => {
  await server.close()
  cleanup()
})

function options(over: Partial<DownloadOptions> = {}): DownloadOptions {
  return {
    url: `${server.url}/tiny.gguf`,
    dest: join(dir, 'models', 'tiny.gguf'),
    expectedSize: model.length,
    ...over,
  }
}

/** The DownloadError a download fails with (the test fails if it succeeds). */
async function failure(download: Promise<unknown>): Promise<DownloadError> {
  const error = await download.then(
    () => null,
    (err: unknown) => err,
  )
  expect(error).toBeInstanceOf(DownloadError)
  return error as DownloadError
}

const part = () => join(dir, 'models', 'tiny.gguf.part')
const dest = () => join(dir, 'models', 'tiny.gguf')

/** Cancels a download once it has received at least `bytes`; the progress interval is short for this. */
async function downloadAndCancelAfter(bytes: number): Promise<DownloadError> {
  const controller = new AbortController()
  return failure(
    downloadFile(
      options({
        signal: controller.signal,
        progressIntervalMs: 5,
        onProgress: (p) => {
          if (p.receivedBytes >= bytes) controller.abort()
        },
      }),
    ),
  )
}

describe('downloadFile', () => {
  it('downloads a byte-identical file and reports throttled progress with speed and ETA', async () => {
    server.behaviour.delayMs = 25 // ~33 chunks of 16 KiB: about a second
    const events: { at: number; p: DownloadProgress }[] = []
    const started = performance.now()
    const result = await downloadFile(
      options({ sha256: modelSha, onProgress: (p) => events.push({ at: performance.now(), p }) }),
    )
    const elapsed = performance.now() - started

    expect(readFileSync(dest())).toEqual(model)
    expect(existsSync(part())).toBe(false)
    expect(result).toMatchObject({
      path: dest(),
      sizeBytes: model.length,
      sha256: modelSha,
      resumedFromBytes: 0,
      header: { version: 3, architecture: 'llama' },
    })

    expect(events[0]!.p).toEqual({
      receivedBytes: 0,
      totalBytes: model.length,
      bytesPerSecond: 0,
      etaSeconds: null,
    })
    expect(events.at(-1)!.p.receivedBytes).toBe(model.length)
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.p.receivedBytes).toBeGreaterThanOrEqual(events[i - 1]!.p.receivedBytes)
      expect(events[i]!.p.totalBytes).toBe(model.length)
    }
    // About 4 a second: the start, one per 250 ms, and the final report.
    expect(events.length).toBeLessThanOrEqual(2 + Math.ceil(elapsed / 250))
    for (let i = 1; i < events.length - 1; i++) {
      expect(events[i]!.at - events[i - 1]!.at).toBeGreaterThanOrEqual(240)
    }
    const middle = events.slice(1, -1)
    expect(middle.length).toBeGreaterThan(0)
    expect(middle.every((e) => e.p.bytesPerSecond > 0 && e.p.etaSeconds !== null)).toBe(true)
  })

  it('keeps the part when cancelled and resumes with a Range request', async () => {
    server.behaviour.delayMs = 10
    const error = await downloadAndCancelAfter(128 * 1024)
    expect(error.reason).toBe('cancelled')
    expect(error.message).toMatch(/Download again to resume/)
    expect(existsSync(dest())).toBe(false)
    const kept = statSync(part()).size
    expect(kept).toBeGreaterThanOrEqual(128 * 1024)
    expect(kept).toBeLessThan(model.length)

    server.behaviour.delayMs = 0
    const progress: DownloadProgress[] = []
    const result = await downloadFile(options({ onProgress: (p) => progress.push(p) }))

    expect(server.requests.at(-1)!.range).toBe(`bytes=${kept}-`)
    expect(result.resumedFromBytes).toBe(kept)
    expect(progress[0]!.receivedBytes).toBe(kept)
    expect(readFileSync(dest())).toEqual(model)
    expect(existsSync(part())).toBe(false)
  })

  it('keeps the part when the connection breaks mid-body and resumes from it', async () => {
    server.behaviour.cutAfterBytes = 200_000
    const error = await failure(downloadFile(options()))
    expect(error.reason).toBe('network')
    expect(error.message).toMatch(/broke off after \d+ bytes.*Download again to resume/)
    const kept = statSync(part()).size
    expect(kept).toBeGreaterThan(0)
    expect(kept).toBeLessThanOrEqual(200_000)

    const result = await downloadFile(options({ sha256: modelSha }))
    expect(server.requests.at(-1)!.range).toBe(`bytes=${kept}-`)
    expect(result.resumedFromBytes).toBe(kept)
    expect(readFileSync(dest())).toEqual(model)
  })

  it('starts over when the server ignores Range and answers 200', async () => {
    server.behaviour.delayMs = 10
    await downloadAndCancelAfter(64 * 1024)
    const kept = statSync(part()).size
    expect(kept).toBeGreaterThan(0)

    server.behaviour.delayMs = 0
    server.behaviour.honourRange = false
    const result = await downloadFile(options({ sha256: modelSha }))
    expect(server.requests.at(-1)!.range).toBe(`bytes=${kept}-`)
    expect(result.resumedFromBytes).toBe(0)
    // The part was replaced, not appended to.
    expect(statSync(dest()).size).toBe(model.length)
    expect(readFileSync(dest())).toEqual(model)
  })

  it('follows redirects, as Hugging Face resolve URLs need, keeping the Range header', async () => {
    server.behaviour.redirects = { '/resolve/main/tiny.gguf': '/tiny.gguf' }
    const url = `${server.url}/resolve/main/tiny.gguf`
    const kept = 100_000
    mkdirSync(join(dir, 'models'))
    writeFileSync(part(), model.subarray(0, kept))

    await downloadFile(options({ url, sha256: modelSha }))
    expect(server.requests.slice(-2)).toEqual([
      { path: '/resolve/main/tiny.gguf', range: `bytes=${kept}-` },
      { path: '/tiny.gguf', range: `bytes=${kept}-` },
    ])
    expect(readFileSync(dest())).toEqual(model)
  })

  it('verifies a part that is already complete without downloading it again', async () => {
    mkdirSync(join(dir, 'models'))
    writeFileSync(part(), model)

    await downloadFile(options())
    expect(server.requests).toHaveLength(0)
    expect(readFileSync(dest())).toEqual(model)
  })

  it('accepts a complete part when the server answers 416 and no size was expected', async () => {
    mkdirSync(join(dir, 'models'))
    writeFileSync(part(), model)

    const result = await downloadFile(options({ expectedSize: null }))
    expect(server.requests.at(-1)!.range).toBe(`bytes=${model.length}-`)
    expect(result.resumedFromBytes).toBe(model.length)
    expect(readFileSync(dest())).toEqual(model)
  })

  it('rejects and deletes a file that is not GGUF', async () => {
    const error = await failure(downloadFile(options({ url: `${server.url}/not-gguf.gguf` })))
    expect(error.reason).toBe('corrupt')
    expect(error.message).toMatch(/does not start with "GGUF".*It was deleted/)
    expect(existsSync(part())).toBe(false)
    expect(existsSync(dest())).toBe(false)
  })

  it('rejects and deletes a file whose SHA-256 does not match', async () => {
    const wrong = createHash('sha256').update('something else').digest('hex')
    const error = await failure(downloadFile(options({ sha256: wrong })))
    expect(error.reason).toBe('corrupt')
    expect(error.message).toContain(`its SHA-256 is ${modelSha}, not the expected ${wrong}`)
    expect(existsSync(part())).toBe(false)
    expect(existsSync(dest())).toBe(false)
  })

  it('refuses a file whose size differs from the expected size before writing it', async () => {
    const error = await failure(downloadFile(options({ expectedSize: model.length + 1 })))
    expect(error.reason).toBe('corrupt')
    expect(error.message).toMatch(
      `offers ${model.length} bytes, but ${model.length + 1} were expected`,
    )
    expect(existsSync(part())).toBe(false)
  })

  it('says what to do on HTTP errors and unreachable servers', async () => {
    const missing = await failure(downloadFile(options({ url: `${server.url}/gone.gguf` })))
    expect(missing.reason).toBe('http')
    expect(missing.message).toMatch(/answered HTTP 404\. The file is no longer at this address/)

    const url = server.url
    await server.close()
    const unreachable = await failure(downloadFile(options({ url: `${url}/tiny.gguf` })))
    expect(unreachable.reason).toBe('network')
    expect(unreachable.message).toMatch(/Could not connect to 127\.0\.0\.1:\d+/)
    server = await startModelFileServer({})
  })

  it('does nothing when cancelled before it starts', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = await failure(downloadFile(options({ signal: controller.signal })))
    expect(error.reason).toBe('cancelled')
    expect(server.requests.length).toBe(0)
  })
})
