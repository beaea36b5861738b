import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalModel } from '../../src/shared/models.ts'
import { writeTinyLlamaGguf } from '../helpers/gguf-writer.ts'
import { startModelFileServer, type ModelFileServer } from '../helpers/model-file-server.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

const REPO_RESOURCES = join(import.meta.dirname, '../../resources')
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// The model manager through the contract: a catalog whose hf: URI resolves to a loopback server.

let t: TestCore
let server: ModelFileServer
const temp = makeTempDir()
let file: Buffer

beforeAll(async () => {
  const gguf = join(temp.dir, 'served.gguf')
  writeTinyLlamaGguf(gguf, { embeddingLength: 128, layers: 4 })
  file = readFileSync(gguf)
  server = await startModelFileServer(
    { '/test/tiny-embed/resolve/main/tiny.gguf': file },
    { chunkBytes: 16 * 1024, delayMs: 5 },
  )
  const resources = join(temp.dir, 'resources')
  mkdirSync(resources)
  copyFileSync(join(REPO_RESOURCES, 'model-facts.json'), join(resources, 'model-facts.json'))
  writeFileSync(
    join(resources, 'model-catalog.json'),
    JSON.stringify({
      version: 1,
      models: [
        {
          id: 'tiny-embed',
          name: 'Tiny embed',
          engine: 'embedding',
          uri: 'hf:test/tiny-embed/tiny.gguf',
          sizeBytes: file.length,
          sha256: null,
          licence: 'MIT',
          description: 'A generated test model.',
          ramBytes: 1_000_000,
          default: true,
        },
      ],
    }),
  )
  t = await startTestCore({ resourcesDir: resources, huggingFaceEndpoint: server.url })
})
afterAll(async () => {
  await t.close()
  await server.close()
  temp.cleanup()
})

describe('classifier models over the API', () => {
  it('downloads a catalog model with progress events, then the embedding engine serves', async () => {
    const events: LocalModel[] = []
    const unsubscribe = t.core.events.onAny((event, payload) => {
      if (event === 'modelChanged') events.push(payload as LocalModel)
    })
    const started = await t.api('/models/tiny-embed/download', { method: 'POST' })
    expect(started.status).toBe(200)
    for (let i = 0; i < 400 && !events.some((e) => e.status.state === 'ready'); i++)
      await new Promise((r) => setTimeout(r, 25))
    unsubscribe()
    const progress = events.filter((e) => e.status.state === 'downloading')
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.at(-1)!.status).toMatchObject({
      totalBytes: file.length,
      bytesPerSecond: expect.any(Number),
    })
    expect(events.find((e) => e.status.state === 'ready')!.status).toMatchObject({
      sizeBytes: file.length,
    })

    // The default model of the configured engine loads by itself once it is on disk.
    for (let i = 0; i < 200; i++) {
      if ((await t.core.api.getClassifierStatus({})).servingEngine === 'embedding') break
      await new Promise((r) => setTimeout(r, 25))
    }
    expect(await t.core.api.getClassifierStatus({})).toMatchObject({
      servingEngine: 'embedding',
      activeModels: { embedding: 'tiny-embed' },
      hint: null,
    })
  })

  it('answers clearly for unknown models and bad imports', async () => {
    const unknown = await t.api('/models/nope/download', { method: 'POST' })
    expect(unknown.status).toBe(404)
    const notGguf = join(temp.dir, 'notes.txt')
    writeFileSync(notGguf, 'hello')
    const bad = await t.api('/models/import', {
      method: 'POST',
      body: JSON.stringify({ path: notGguf, engine: 'embedding' }),
    })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/GGUF/)
  })
})
