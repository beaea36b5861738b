import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createModelSlot,
  disposeLlamaRuntime,
  getLlamaOnce,
  ModelNotReadyError,
  type ModelSlot,
  type ModelSlotStatus,
} from '../../src/main/core/personas/llama-runtime.ts'
import { writeTinyLlamaGguf } from '../helpers/gguf-writer.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

const temp = makeTempDir()
const first = join(temp.dir, 'first.gguf')
const second = join(temp.dir, 'second.gguf')
const slots: ModelSlot[] = []

function newSlot(): { slot: ModelSlot; seen: ModelSlotStatus[] } {
  const slot = createModelSlot({ threads: 1 })
  const seen: ModelSlotStatus[] = []
  slot.subscribe((status) => seen.push(status))
  slots.push(slot)
  return { slot, seen }
}

beforeAll(() => {
  writeTinyLlamaGguf(first, { seed: 1 })
  writeTinyLlamaGguf(second, { seed: 2 })
})
afterAll(async () => {
  for (const slot of slots) await slot.dispose()
  temp.cleanup()
})

describe('getLlamaOnce', () => {
  it('returns one CPU runtime per process', async () => {
    const [a, b] = await Promise.all([getLlamaOnce(), getLlamaOnce()])
    expect(a).toBe(b)
    expect(a.gpu).toBe(false)
  })
})

describe('createModelSlot', () => {
  it('goes empty -> loading -> ready and tells subscribers', async () => {
    const { slot, seen } = newSlot()
    expect(slot.status()).toEqual({ state: 'empty' })
    const result = await slot.load(first)
    expect(result).toEqual({ state: 'ready', path: first })
    expect(seen[0]).toEqual({ state: 'loading', progress: 0, path: first })
    expect(seen.at(-1)).toEqual({ state: 'ready', path: first })
    expect(seen.slice(0, -1).every((s) => s.state === 'loading')).toBe(true)
  })

  it('serialises loads: the second waits, then replaces the first', async () => {
    const { slot, seen } = newSlot()
    const loads = [slot.load(first), slot.load(second)]
    const used = slot.use(async (loaded) => loaded.path)
    await Promise.all(loads)
    expect(await used).toBe(second)
    const states = seen.map((s) => `${s.state}:${'path' in s ? s.path : ''}`)
    const firstReady = states.indexOf(`ready:${first}`)
    expect(firstReady).toBeGreaterThan(-1)
    expect(states.indexOf(`loading:${second}`)).toBeGreaterThan(firstReady)
    expect(slot.status()).toEqual({ state: 'ready', path: second })
  })

  it('does not reload the path that is already loaded', async () => {
    const { slot, seen } = newSlot()
    await slot.load(first)
    const before = seen.length
    await slot.load(first)
    expect(seen).toHaveLength(before)
  })

  it('disposes per-model resources when the model is replaced or disposed', async () => {
    const { slot } = newSlot()
    await slot.load(first)
    let created = 0
    let disposed = 0
    const resource = async () => ({ id: ++created, dispose: () => void disposed++ })
    const a = await slot.use((m) => m.resource('thing', resource))
    const again = await slot.use((m) => m.resource('thing', resource))
    expect(again).toBe(a)
    await slot.load(second)
    expect(disposed).toBe(1)
    const b = await slot.use((m) => m.resource('thing', resource))
    expect(b.id).toBe(2)
    await slot.dispose()
    expect(disposed).toBe(2)
    expect(slot.status()).toEqual({ state: 'empty' })
  })

  it('reloads a file replaced on disk, with a new model id', async () => {
    const { slot } = newSlot()
    const file = join(temp.dir, 'replaced.gguf')
    writeTinyLlamaGguf(file, { seed: 3 })
    await slot.load(file)
    const before = await slot.use(async (m) => m.modelId)
    // A new download lands at the same path: loading that path again picks it up.
    writeTinyLlamaGguf(file, { seed: 3, layers: 1 })
    await slot.load(file)
    expect(await slot.use(async (m) => m.modelId)).not.toBe(before)
    expect(await slot.use(async (m) => m.model.fileInfo.metadata.llama?.block_count)).toBe(1)
  })

  it('rejects use() with a clear error when no model is ready', async () => {
    const { slot } = newSlot()
    await expect(slot.use(async () => 1)).rejects.toThrow(ModelNotReadyError)
    await slot.load(first)
    await slot.dispose()
    await expect(slot.use(async () => 1)).rejects.toThrow(/No classifier model is loaded/)
  })

  it('reports a missing file as an error status, then recovers', async () => {
    const { slot } = newSlot()
    const missing = join(temp.dir, 'missing.gguf')
    const status = await slot.load(missing)
    expect(status.state).toBe('error')
    expect(status.state === 'error' && status.message).toContain(missing)
    await expect(slot.use(async () => 1)).rejects.toThrow(/Could not load/)
    expect(await slot.load(first)).toEqual({ state: 'ready', path: first })
  })

  it('reports corrupt and truncated files as error statuses', async () => {
    const { slot } = newSlot()
    const garbage = join(temp.dir, 'garbage.gguf')
    writeFileSync(garbage, Buffer.from('this is not a model at all'.repeat(10)))
    expect((await slot.load(garbage)).state).toBe('error')

    const truncated = join(temp.dir, 'truncated.gguf')
    writeFileSync(truncated, readFileSync(first).subarray(0, 20_000))
    expect((await slot.load(truncated)).state).toBe('error')
    expect((await slot.load(first)).state).toBe('ready')
  })

  it('never runs a task whose signal aborts while it waits its turn', async () => {
    const { slot } = newSlot()
    await slot.load(first)
    let release = (): void => {}
    const busy = slot.use(() => new Promise<void>((resolve) => (release = resolve)))
    const controller = new AbortController()
    let ran = false
    const waiting = slot.use(async () => (ran = true), controller.signal)
    controller.abort(new Error('timed out'))
    await expect(waiting).rejects.toThrow('timed out')
    release()
    await busy
    expect(ran).toBe(false)
    expect(await slot.use(async () => 'next')).toBe('next')
  })

  it('stops notifying after unsubscribe', async () => {
    const slot = createModelSlot({ threads: 1 })
    slots.push(slot)
    const seen: ModelSlotStatus[] = []
    const unsubscribe = slot.subscribe((s) => seen.push(s))
    unsubscribe()
    await slot.load(first)
    expect(seen).toEqual([])
  })

  it('shuts down: slots unload, the runtime is freed, later loads report an error', async () => {
    for (const slot of slots) await slot.dispose()
    const llama = await getLlamaOnce()
    await disposeLlamaRuntime()
    expect(llama.disposed).toBe(true)
    const { slot } = newSlot()
    const status = await slot.load(first)
    expect(status.state === 'error' && status.message).toMatch(/shut down/)
  })
})
