import { createHash, randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ModelEngine } from '../../src/main/core/models/catalog.ts'
import { createModelManager, type ModelManager } from '../../src/main/core/models/model-manager.ts'
import type { ModelEvent, ModelStatus } from '../../src/main/core/models/model-types.ts'
import { writeTinyLlamaGguf } from '../helpers/gguf-writer.ts'
import { startModelFileServer, type ModelFileServer } from '../helpers/model-file-server.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

// The model manager against a loopback file server: a catalog written by the test points at it.

let embedBytes: Buffer
let genBytes: Buffer
let fixtures: { dir: string; cleanup: () => void }
let server: ModelFileServer
let dir: string
let cleanup: () => void
const running: ModelManager[] = []

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
/** A size as Hugging Face shows it ("19.7 MB"): never the exact byte count here. */
const roundedSize = (b: Buffer) => Math.round(b.length / 100_000) * 100_000 + 1

beforeAll(() => {
  fixtures = makeTempDir()
  writeTinyLlamaGguf(join(fixtures.dir, 'embed.gguf'), { name: 'tiny embed', seed: 1 })
  writeTinyLlamaGguf(join(fixtures.dir, 'gen.gguf'), { name: 'tiny gen', seed: 2 })
  embedBytes = readFileSync(join(fixtures.dir, 'embed.gguf'))
  genBytes = readFileSync(join(fixtures.dir, 'gen.gguf'))
  return () => fixtures.cleanup()
})

beforeEach(async () => {
  ;({ dir, cleanup } = makeTempDir())
  const broken = Buffer.concat([Buffer.from('NOPE'), randomBytes(genBytes.length - 4)])
  server = await startModelFileServer({
    '/embed.gguf': embedBytes,
    '/embed-other.gguf': embedBytes,
    '/gen.gguf': genBytes,
    '/broken.gguf': broken,
  })
  const entry = (id: string, engine: ModelEngine, path: string, bytes: Buffer, extra = {}) => ({
    id,
    name: `Test ${id}`,
    engine,
    uri: `${server.url}${path}`,
    sizeBytes: bytes.length,
    sha256: sha(bytes),
    licence: 'MIT',
    description: `${id} for tests`,
    ramBytes: 10_000_000,
    ...extra,
  })
  const catalog = {
    version: 1,
    models: [
      entry('embed-small', 'embedding', '/embed.gguf', embedBytes, { default: true }),
      entry('embed-other', 'embedding', '/embed-other.gguf', embedBytes),
      entry('gen-tiny', 'generative', '/gen.gguf', genBytes),
      { ...entry('broken', 'generative', '/broken.gguf', genBytes), sha256: null },
      // The host shows only a rounded size: the SHA-256 proves the file.
      entry('gen-rounded', 'generative', '/gen.gguf', genBytes, {
        sizeBytes: roundedSize(genBytes),
        approximateSize: true,
      }),
      entry('gen-rounded-wrong', 'generative', '/gen.gguf', genBytes, {
        sizeBytes: roundedSize(genBytes),
        approximateSize: true,
        sha256: sha(embedBytes),
      }),
    ],
  }
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog))
  mkdirSync(join(dir, 'bundled'))
})

afterEach(async () => {
  for (const m of running.splice(0)) await m.stop()
  await server.close()
  cleanup()
})

function fakeSettings() {
  const chosen = new Map<ModelEngine, string | null>()
  return {
    chosen,
    getActive: (engine: ModelEngine) => chosen.get(engine) ?? null,
    setActive: (engine: ModelEngine, id: string | null) => void chosen.set(engine, id),
  }
}

async function startManager(settings = fakeSettings()) {
  const manager = createModelManager({
    modelsDir: join(dir, 'models'),
    catalogPath: join(dir, 'catalog.json'),
    bundledDir: join(dir, 'bundled'),
    settings,
  })
  await manager.start()
  running.push(manager)
  const events: ModelEvent[] = []
  manager.subscribe((e) => events.push(e))
  return { manager, events, settings }
}

const statusOf = (manager: ModelManager, id: string): ModelStatus => manager.get(id).status

/** Resolves with the first event that matches, or fails after `ms`. */
function nextEvent(manager: ModelManager, match: (e: ModelEvent) => boolean, ms = 5000) {
  return new Promise<ModelEvent>((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error('no matching model event in time'))
    }, ms)
    const off = manager.subscribe((e) => {
      if (!match(e)) return
      clearTimeout(timer)
      off()
      resolve(e)
    })
  })
}

const receiving = (id: string) => (e: ModelEvent) =>
  e.type === 'status' &&
  e.model.id === id &&
  e.model.status.state === 'downloading' &&
  e.model.status.receivedBytes > 0

describe('model manager', () => {
  it('lists the catalog as missing and has no active model until one is present', async () => {
    const { manager } = await startManager()
    const list = manager.list()
    expect(list.map((m) => m.id)).toEqual([
      'embed-small',
      'embed-other',
      'gen-tiny',
      'broken',
      'gen-rounded',
      'gen-rounded-wrong',
    ])
    expect(list.every((m) => m.status.state === 'missing' && m.status.partialBytes === 0)).toBe(
      true,
    )
    expect(list[0]).toMatchObject({
      source: 'catalog',
      default: true,
      bundled: false,
      active: false,
    })
    expect(manager.active('embedding')).toBeNull()
    expect(manager.active('generative')).toBeNull()
  })

  it('counts a bundled default model as ready and uses it for its engine', async () => {
    copyFileSync(join(fixtures.dir, 'embed.gguf'), join(dir, 'bundled', 'embed-small.gguf'))
    const { manager } = await startManager()
    const bundledPath = join(dir, 'bundled', 'embed-small.gguf')
    expect(manager.get('embed-small')).toMatchObject({
      bundled: true,
      active: true,
      status: { state: 'ready', path: bundledPath, sizeBytes: embedBytes.length },
    })
    expect(manager.active('embedding')).toEqual({ id: 'embed-small', path: bundledPath })
    expect(await manager.download('embed-small')).toMatchObject({ state: 'ready' })
    expect(server.requests).toHaveLength(0)
    await expect(manager.delete('embed-small')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/ships with Switchboard/),
    })
  })

  it('downloads a model whose catalog size is only rounded, proven by its SHA-256', async () => {
    const { manager } = await startManager()
    expect(manager.get('gen-rounded')).toMatchObject({
      approximateSize: true,
      sizeBytes: roundedSize(genBytes),
    })
    const file = join(dir, 'models', 'gen-rounded.gguf')
    expect(await manager.download('gen-rounded')).toEqual({
      state: 'ready',
      path: file,
      sizeBytes: genBytes.length,
    })
    expect(readFileSync(file)).toEqual(genBytes)
    // With a rounded size, the hash alone stands between the user and a wrong file.
    expect(await manager.download('gen-rounded-wrong')).toMatchObject({
      state: 'error',
      message: expect.stringMatching(/SHA-256/i),
    })
    expect(existsSync(join(dir, 'models', 'gen-rounded-wrong.gguf'))).toBe(false)
  })

  it('downloads with status events, then the model can be chosen for its engine', async () => {
    server.behaviour.delayMs = 20
    const { manager, events, settings } = await startManager()
    const final = await manager.download('gen-tiny')

    const file = join(dir, 'models', 'gen-tiny.gguf')
    expect(final).toEqual({ state: 'ready', path: file, sizeBytes: genBytes.length })
    expect(readFileSync(file)).toEqual(genBytes)
    const statuses = events.flatMap((e) =>
      e.type === 'status' && e.model.id === 'gen-tiny' ? [e.model.status] : [],
    )
    expect(statuses[0]).toMatchObject({ state: 'downloading', receivedBytes: 0 })
    const downloading = statuses.filter((s) => s.state === 'downloading')
    expect(downloading.length).toBeGreaterThan(2)
    expect(downloading.every((s) => s.totalBytes === genBytes.length)).toBe(true)
    expect(downloading.some((s) => s.bytesPerSecond > 0 && s.etaSeconds !== null)).toBe(true)
    expect(statuses.at(-1)).toEqual(final)

    expect(manager.active('generative')).toBeNull()
    manager.setActive('generative', 'gen-tiny')
    expect(settings.chosen.get('generative')).toBe('gen-tiny')
    expect(manager.active('generative')).toEqual({ id: 'gen-tiny', path: file })
    expect(events).toContainEqual({ type: 'active', engine: 'generative', id: 'gen-tiny' })
    expect(manager.get('gen-tiny').active).toBe(true)
  })

  it('keeps a cancelled download as partial bytes across a restart and resumes it with Range', async () => {
    server.behaviour.delayMs = 20
    const first = await startManager()
    const done = first.manager.download('gen-tiny')
    await nextEvent(first.manager, receiving('gen-tiny'))
    await first.manager.cancel('gen-tiny')
    const afterCancel = await done
    expect(afterCancel.state).toBe('missing')
    const partial = afterCancel.state === 'missing' ? afterCancel.partialBytes : 0
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(genBytes.length)
    await first.manager.stop()

    server.behaviour.delayMs = 0
    const second = await startManager()
    expect(statusOf(second.manager, 'gen-tiny')).toEqual({
      state: 'missing',
      partialBytes: partial,
    })
    expect(await second.manager.download('gen-tiny')).toMatchObject({ state: 'ready' })
    expect(server.requests.at(-1)).toEqual({ path: '/gen.gguf', range: `bytes=${partial}-` })
    expect(readFileSync(join(dir, 'models', 'gen-tiny.gguf'))).toEqual(genBytes)
  })

  it('joins a second download call to the running one', async () => {
    server.behaviour.delayMs = 5
    const { manager } = await startManager()
    const [a, b] = await Promise.all([manager.download('gen-tiny'), manager.download('gen-tiny')])
    expect(a).toEqual(b)
    expect(server.requests.filter((r) => r.path === '/gen.gguf')).toHaveLength(1)
  })

  it('reports a corrupt download as an error and keeps no file', async () => {
    const { manager, events } = await startManager()
    const status = await manager.download('broken')
    expect(status.state).toBe('error')
    expect(status.state === 'error' && status.message).toMatch(/not start with "GGUF".*deleted/)
    expect(events.at(-1)).toMatchObject({ type: 'status', model: { id: 'broken', status } })
    expect(existsSync(join(dir, 'models', 'broken.gguf'))).toBe(false)
    expect(existsSync(join(dir, 'models', 'broken.gguf.part'))).toBe(false)
    // Downloading again starts afresh.
    expect((await manager.download('broken')).state).toBe('error')
    expect(server.requests.filter((r) => r.path === '/broken.gguf')).toHaveLength(2)
  })

  it('deletes a model; deleting the active one clears the choice', async () => {
    const { manager, events, settings } = await startManager()
    await manager.download('embed-other')
    manager.setActive('embedding', 'embed-other')
    await manager.delete('embed-other')

    expect(existsSync(join(dir, 'models', 'embed-other.gguf'))).toBe(false)
    expect(statusOf(manager, 'embed-other')).toEqual({ state: 'missing', partialBytes: 0 })
    expect(settings.chosen.get('embedding')).toBeNull()
    expect(manager.active('embedding')).toBeNull()
    expect(events).toContainEqual({ type: 'active', engine: 'embedding', id: null })
  })

  it('falls back to the default model when the chosen one is deleted', async () => {
    copyFileSync(join(fixtures.dir, 'embed.gguf'), join(dir, 'bundled', 'embed-small.gguf'))
    const { manager, events } = await startManager()
    await manager.download('embed-other')
    manager.setActive('embedding', 'embed-other')
    expect(manager.active('embedding')?.id).toBe('embed-other')
    await manager.delete('embed-other')
    expect(manager.active('embedding')?.id).toBe('embed-small')
    expect(events).toContainEqual({ type: 'active', engine: 'embedding', id: 'embed-small' })
  })

  it('cancels a running download when it is deleted and removes the part', async () => {
    server.behaviour.delayMs = 20
    const { manager } = await startManager()
    const done = manager.download('gen-tiny')
    await nextEvent(manager, receiving('gen-tiny'))
    await manager.delete('gen-tiny')
    expect((await done).state).toBe('missing')
    expect(statusOf(manager, 'gen-tiny')).toEqual({ state: 'missing', partialBytes: 0 })
    expect(existsSync(join(dir, 'models', 'gen-tiny.gguf.part'))).toBe(false)
  })

  it('imports a GGUF file by copying it, and keeps it across a restart', async () => {
    const source = join(fixtures.dir, 'My Model.Q4_K_M.gguf')
    copyFileSync(join(fixtures.dir, 'gen.gguf'), source)
    const { manager, events } = await startManager()

    const model = await manager.importFile(source, 'generative')
    const copy = join(dir, 'models', 'imported', 'my-model.q4_k_m.gguf')
    expect(model).toMatchObject({
      id: 'my-model.q4_k_m',
      name: 'tiny gen',
      engine: 'generative',
      source: 'imported',
      uri: null,
      sizeBytes: genBytes.length,
      status: { state: 'ready', path: copy, sizeBytes: genBytes.length },
    })
    expect(readFileSync(copy)).toEqual(genBytes)
    expect(events).toContainEqual({ type: 'status', model })
    manager.setActive('generative', model.id)

    const again = await manager.importFile(source, 'generative')
    expect(again.id).toBe('my-model.q4_k_m-2')
    await manager.stop()

    const restarted = await startManager(fakeSettings())
    expect(restarted.manager.list().map((m) => m.id)).toContain('my-model.q4_k_m')
    await restarted.manager.delete('my-model.q4_k_m')
    expect(restarted.events).toContainEqual({ type: 'removed', id: 'my-model.q4_k_m' })
    expect(existsSync(copy)).toBe(false)
    expect(existsSync(source)).toBe(true)
    expect(restarted.manager.list().map((m) => m.id)).not.toContain('my-model.q4_k_m')
  })

  it('refuses to import a file that is not GGUF or does not exist', async () => {
    const { manager } = await startManager()
    const text = join(fixtures.dir, 'notes.gguf')
    writeFileSync(text, 'not a model')
    await expect(manager.importFile(text, 'embedding')).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/not a usable GGUF model.*Choose a \.gguf file/),
    })
    await expect(
      manager.importFile(join(fixtures.dir, 'nope.gguf'), 'embedding'),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
    expect(existsSync(join(dir, 'models', 'imported', 'notes.gguf'))).toBe(false)
  })

  it('lets an engine use only a ready model of its own kind', async () => {
    const { manager } = await startManager()
    expect(() => manager.setActive('generative', 'gen-tiny')).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: expect.stringMatching(/Download it first/),
      }),
    )
    await manager.download('gen-tiny')
    expect(() => manager.setActive('embedding', 'gen-tiny')).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    )
    expect(() => manager.setActive('embedding', 'nope')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
    expect(() => manager.download('nope')).toThrow(expect.objectContaining({ code: 'not_found' }))
  })

  it('shows loading progress and load errors reported by the runtime', async () => {
    copyFileSync(join(fixtures.dir, 'embed.gguf'), join(dir, 'bundled', 'embed-small.gguf'))
    const { manager, events } = await startManager()
    const statuses = () =>
      events.flatMap((e) =>
        e.type === 'status' && e.model.id === 'embed-small' ? [e.model.status] : [],
      )

    manager.setLoading('embed-small', 0.5)
    manager.setLoading('embed-small', 1)
    manager.setLoading('embed-small', null)
    manager.setLoadError('embed-small', 'The model could not be loaded: out of memory.')
    expect(statuses().map((s) => s.state)).toEqual(['loading', 'loading', 'ready', 'error'])
    expect(statuses()[0]).toEqual({ state: 'loading', progress: 0.5 })
    manager.setLoadError('embed-small', null)
    expect(statusOf(manager, 'embed-small').state).toBe('ready')
  })

  it('stop cancels running downloads and keeps their parts', async () => {
    server.behaviour.delayMs = 20
    const { manager } = await startManager()
    const done = manager.download('gen-tiny')
    await nextEvent(manager, receiving('gen-tiny'))
    await manager.stop()
    expect((await done).state).toBe('missing')
    expect(statSync(join(dir, 'models', 'gen-tiny.gguf.part')).size).toBeGreaterThan(0)
  })
})
