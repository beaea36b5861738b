// Packaging step: downloads the catalog's default embedding model into resources/models/<id>.gguf,
// where the packaged app finds it as its bundled model (the model manager's `bundledDir`).
//
//   node --experimental-strip-types scripts/fetch-default-model.ts
//
// Run it before `npm run dist`. It is deliberately not run by `npm install` or by the tests (the
// tests write their own GGUF files and never touch the network). It resumes an interrupted run,
// checks size (unless the catalog knows only a rounded one), GGUF header and SHA-256, and does nothing when the verified file is already there.
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { loadCatalog, resolveModelUri } from '../src/main/core/models/catalog.ts'
import {
  downloadFile,
  sha256File,
  type DownloadProgress,
} from '../src/main/core/models/download.ts'

const resources = join(import.meta.dirname, '..', 'resources')
const catalogPath = join(resources, 'model-catalog.json')
const outDir = join(resources, 'models')

async function main(): Promise<void> {
  const catalog = await loadCatalog(catalogPath)
  const model = catalog.models.find((m) => m.engine === 'embedding' && m.default)
  if (!model) throw new Error(`${catalogPath} marks no embedding model as default.`)
  const dest = join(outDir, `${model.id}.gguf`)

  if (existsSync(dest) && (model.approximateSize || statSync(dest).size === model.sizeBytes)) {
    if (!model.sha256 || (await sha256File(dest)) === model.sha256) {
      console.log(`${dest} is already present and verified.`)
      return
    }
  }

  const url = resolveModelUri(model.uri, process.env.HF_ENDPOINT || undefined)
  console.log(`Downloading ${model.name} (${mb(model.sizeBytes)}) from ${url}`)
  const controller = new AbortController()
  // Ctrl+C keeps the part file, so running the script again resumes.
  process.once('SIGINT', () => controller.abort())
  const result = await downloadFile({
    url,
    dest,
    expectedSize: model.approximateSize ? null : model.sizeBytes,
    sha256: model.sha256,
    signal: controller.signal,
    progressIntervalMs: 1000,
    onProgress: printProgress,
  })
  process.stderr.write('\n')
  console.log(
    `Saved ${result.path} (${mb(result.sizeBytes)}, ${result.header.architecture ?? 'GGUF'}).`,
  )
}

function printProgress(p: DownloadProgress): void {
  const total = p.totalBytes ? ` of ${mb(p.totalBytes)}` : ''
  const eta = p.etaSeconds === null ? '' : `, ${p.etaSeconds} s left`
  process.stderr.write(`\r  ${mb(p.receivedBytes)}${total} at ${mb(p.bytesPerSecond)}/s${eta}   `)
}

function mb(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

main().catch((err: unknown) => {
  process.stderr.write('\n')
  console.error((err as Error).message)
  process.exitCode = 1
})
