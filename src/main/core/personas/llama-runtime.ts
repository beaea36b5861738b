// The process-wide node-llama-cpp runtime and a slot that holds one loaded classifier model.
// node-llama-cpp is imported lazily so the proxy starts without paying ~0.5 s for the native addon.
import { availableParallelism } from 'node:os'
import { stat } from 'node:fs/promises'
import type { Llama, LlamaModel } from 'node-llama-cpp'

export type ModelSlotStatus =
  | { state: 'empty' }
  | { state: 'loading'; progress: number; path: string }
  | { state: 'ready'; path: string }
  | { state: 'error'; message: string }

/** A loaded model as engines see it; valid only inside `ModelSlot.use`. */
export interface LoadedModel {
  readonly llama: Llama
  readonly model: LlamaModel
  readonly path: string
  /** Path, size and mtime: changes when the file is replaced, so cached vectors go stale. */
  readonly modelId: string
  readonly threads: number
  /**
   * One resource per key for this model (a context, a grammar), created once, disposed with it.
   * A different `version` (a new size) disposes the old one and creates it again.
   */
  resource<T extends Disposable>(
    key: string,
    create: () => Promise<T>,
    version?: string,
  ): Promise<T>
}

type Disposable = { dispose(): unknown }

export interface ModelSlot {
  readonly threads: number
  status(): ModelSlotStatus
  subscribe(listener: (status: ModelSlotStatus) => void): () => void
  /** Loads `path` (replacing any other model); settles with the resulting status, never rejects. */
  load(path: string): Promise<ModelSlotStatus>
  /** Unloads the model and frees its contexts; the slot can load again afterwards. */
  dispose(): Promise<void>
  /** Runs `task` with the loaded model, exclusively: no load, dispose or other task overlaps it. */
  use<T>(task: (loaded: LoadedModel) => Promise<T>, signal?: AbortSignal): Promise<T>
}

/** Thrown by `use` when no model is ready; the message says what to do. */
export class ModelNotReadyError extends Error {
  override name = 'ModelNotReadyError'
}

/**
 * Threads for classifier contexts: all cores but one, at most 4. ggml's workers spin while they
 * wait for each other, so on a busy 2-core machine two threads ran 30-50x slower than one; the
 * spare core keeps the proxy's event loop responsive too.
 */
export function defaultThreadCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1))
}

let llamaPromise: Promise<Llama> | undefined
let shutDown = false

/** The one node-llama-cpp instance of this process: CPU prebuilt binary, never built or downloaded. */
export function getLlamaOnce(): Promise<Llama> {
  if (shutDown) return Promise.reject(new Error('The local model runtime has been shut down.'))
  llamaPromise ??= (async () => {
    const { getLlama, LlamaLogLevel } = await import('node-llama-cpp')
    return getLlama({
      gpu: false,
      build: 'never',
      usePrebuiltBinaries: true,
      skipDownload: true,
      progressLogs: false,
      logLevel: LlamaLogLevel.error,
      // Without a cap node-llama-cpp assumes at least 4 threads, far too many on small machines.
      maxThreads: Math.max(1, Math.min(4, availableParallelism())),
    })
  })()
  // A failed start (no binary for this platform) should be retried on the next call, not cached.
  llamaPromise.catch(() => (llamaPromise = undefined))
  return llamaPromise
}

/**
 * Frees the native runtime at process shutdown, after every slot is disposed. Final: a second
 * getLlama() in the same process was seen to hang, so later loads fail with an error instead.
 */
export async function disposeLlamaRuntime(): Promise<void> {
  shutDown = true
  const llama = await llamaPromise?.catch(() => undefined)
  if (!llama) return
  // node-llama-cpp 3.22 leaks a dispose guard when a native model load fails (a corrupt file) and
  // then waits on it forever; at shutdown the process exits anyway, so bound the wait.
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000).unref()))
  await Promise.race([llama.dispose(), timeout])
  clearTimeout(timer)
}

/** Path, size and mtime of a model file: a new download at the same path gets a new id. */
async function fileId(path: string): Promise<string> {
  const file = await stat(path)
  return `${path}:${file.size}:${Math.round(file.mtimeMs)}`
}

/** A FIFO lock: tasks run one at a time; a task whose signal aborts while waiting never runs. */
function createExclusiveQueue(): <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T> {
  let tail: Promise<void> = Promise.resolve()
  return (task, signal) => {
    const turn = tail
    let release = (): void => {}
    const done = new Promise<void>((resolve) => (release = resolve))
    tail = turn.then(() => done)
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal?.reason)
      if (signal?.aborted) onAbort()
      else signal?.addEventListener('abort', onAbort, { once: true })
      void turn.then(async () => {
        signal?.removeEventListener('abort', onAbort)
        try {
          if (!signal?.aborted) resolve(await task())
        } catch (error) {
          reject(error)
        } finally {
          release()
        }
      })
    })
  }
}

/** A service that holds at most one loaded model; loads, disposes and uses are serialised. */
export function createModelSlot(options: { threads: number }): ModelSlot {
  const threads = Math.max(1, Math.floor(options.threads))
  const exclusive = createExclusiveQueue()
  const listeners = new Set<(status: ModelSlotStatus) => void>()
  let current: { loaded: LoadedModel; unload: () => Promise<void> } | undefined
  let status: ModelSlotStatus = { state: 'empty' }

  const setStatus = (next: ModelSlotStatus): void => {
    status = next
    for (const listener of listeners) {
      // A failing listener (a closed window) must not break loading for the others.
      try {
        listener(next)
      } catch {
        /* ignored */
      }
    }
  }

  const unload = async (): Promise<void> => {
    const previous = current
    current = undefined
    await previous?.unload()
  }

  const open = async (path: string): Promise<void> => {
    const llama = await getLlamaOnce()
    const modelId = await fileId(path)
    let loading = true
    const model = await llama
      .loadModel({
        modelPath: path,
        gpuLayers: 0,
        // Progress is reported from the loader thread and can arrive after the load resolved.
        onLoadProgress: (progress) => {
          if (loading && status.state === 'loading' && progress > status.progress) {
            setStatus({ state: 'loading', progress, path })
          }
        },
      })
      .finally(() => (loading = false))
    const resources = new Map<string, Promise<Disposable>>()
    const versions = new Map<string, string | undefined>()
    const loaded: LoadedModel = {
      llama,
      model,
      path,
      modelId,
      threads,
      resource<T extends Disposable>(
        key: string,
        create: () => Promise<T>,
        version?: string,
      ): Promise<T> {
        let pending = resources.get(key)
        if (pending && versions.get(key) !== version) {
          // Tasks run one at a time (`use`), so nothing else holds the old one now.
          void pending.then((old) => old.dispose()).catch(() => undefined)
          pending = undefined
        }
        if (!pending) {
          const created = create()
          pending = created
          resources.set(key, created)
          versions.set(key, version)
          // Forget a failed creation so the next call can try again.
          created.catch(() => resources.get(key) === created && resources.delete(key))
        }
        return pending as Promise<T>
      },
    }
    current = {
      loaded,
      unload: async () => {
        const created = await Promise.allSettled(resources.values())
        resources.clear()
        // A context that fails to dispose must not keep the model (and its memory) alive.
        await Promise.allSettled(
          created.map(async (r) => r.status === 'fulfilled' && (await r.value.dispose())),
        )
        await model.dispose()
      },
    }
  }

  return {
    threads,
    status: () => status,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    load: (path) =>
      exclusive(async () => {
        // The same file again is a no-op; a file replaced on disk (a new download) is reloaded.
        const id = await fileId(path).catch(() => undefined)
        if (current?.loaded.path === path && current.loaded.modelId === id) {
          return status
        }
        try {
          await unload()
          setStatus({ state: 'loading', progress: 0, path })
          await open(path)
          setStatus({ state: 'ready', path })
        } catch (error) {
          const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '')
          const message = `Could not load the classifier model ${path}: ${reason}. Choose another model file or download it again.`
          setStatus({ state: 'error', message })
        }
        return status
      }),
    dispose: () =>
      exclusive(async () => {
        await unload()
        setStatus({ state: 'empty' })
      }),
    use: (task, signal) =>
      exclusive(async () => {
        if (!current) {
          const why = status.state === 'error' ? status.message : 'No classifier model is loaded.'
          throw new ModelNotReadyError(
            `${why} Select a classifier model, or use the lexical engine.`,
          )
        }
        return task(current.loaded)
      }, signal),
  }
}
