import { mkdir, rm, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Dispatcher } from 'undici'
import { SwitchboardError } from '../../../shared/errors.ts'
import { loadCatalog, ModelEngine, resolveModelUri, type CatalogEntry } from './catalog.ts'
import { DownloadError, downloadFile } from './download.ts'
import { GgufHeaderError } from './gguf-header.ts'
import { createModelFiles } from './model-files.ts'
import {
  importedFile,
  importModelFile,
  removeImported,
  scanImported,
  type ImportedModel,
} from './imported-models.ts'
import type {
  ActiveModel,
  ActiveModelSettings,
  ModelEntry,
  ModelEvent,
  ModelStatus,
} from './model-types.ts'

// Local GGUF models: the catalog's models (downloaded to `<modelsDir>/<id>.gguf`, or shipped in
// `bundledDir/<id>.gguf`) and imported copies. What is on disk is the truth across restarts: a
// verified file is ready, a `<id>.gguf.part` is a resumable download (missing, partialBytes > 0).
// Downloads, load progress and errors live in memory and are pushed to subscribers.

export interface ModelManagerOptions {
  modelsDir: string
  catalogPath: string
  /** Read-only folder of models shipped with the app (resources/models). */
  bundledDir?: string
  settings: ActiveModelSettings
  dispatcher?: Dispatcher
  /** Hugging Face endpoint for hf: URIs (a mirror, e.g. from HF_ENDPOINT). */
  huggingFaceEndpoint?: string
}

type Listener = (event: ModelEvent) => void

interface Model {
  id: string
  engine: ModelEngine
  catalog: CatalogEntry | null
  imported: ImportedModel | null
}

const ENGINES = ModelEngine.options

/** The model manager service: list, download, cancel, delete, import and choose local GGUF models. */
export function createModelManager(options: ModelManagerOptions) {
  const { modelsDir, bundledDir, settings } = options
  let catalog: CatalogEntry[] = []
  let imported: ImportedModel[] = []
  let started = false
  let stopping = false
  const transient = new Map<string, ModelStatus>()
  const downloads = new Map<string, { controller: AbortController; done: Promise<ModelStatus> }>()
  const listeners = new Set<Listener>()
  const lastActive = new Map<ModelEngine, string | null>()

  function emit(event: ModelEvent): void {
    for (const listener of listeners) {
      try {
        listener(event)
      } catch {
        // A failing subscriber must not stop a download or the other subscribers.
      }
    }
  }

  function requireStarted(): void {
    if (!started) throw new Error('The model manager is not started: call start() first.')
  }

  function find(id: string): Model | undefined {
    const entry = catalog.find((m) => m.id === id)
    if (entry) return { id, engine: entry.engine, catalog: entry, imported: null }
    const copy = imported.find((m) => m.id === id)
    if (copy) return { id, engine: copy.engine, catalog: null, imported: copy }
    return undefined
  }

  function mustFind(id: string): Model {
    const model = find(id)
    if (!model) {
      const message = `There is no model "${id}". List the models to see their ids.`
      throw new SwitchboardError('not_found', message, { param: 'id' })
    }
    return model
  }

  const files = createModelFiles(modelsDir, bundledDir)
  const diskStatus = (model: Model): ModelStatus =>
    model.imported ? files.importedStatus(model.id) : files.catalogStatus(model.id)

  const statusOf = (model: Model): ModelStatus => transient.get(model.id) ?? diskStatus(model)

  function readyPath(model: Model | undefined, engine: ModelEngine): ActiveModel | null {
    if (!model || model.engine !== engine) return null
    const status = diskStatus(model)
    return status.state === 'ready' ? { id: model.id, path: status.path } : null
  }

  function active(engine: ModelEngine): ActiveModel | null {
    const chosen = settings.getActive(engine)
    const fromChoice = chosen ? readyPath(find(chosen), engine) : null
    if (fromChoice) return fromChoice
    const fallback = catalog.find((m) => m.engine === engine && m.default)
    return fallback ? readyPath(find(fallback.id), engine) : null
  }

  function downloadUrlOf(uri: string): string | null {
    try {
      return resolveModelUri(uri, options.huggingFaceEndpoint)
    } catch {
      return null
    }
  }

  function entry(model: Model): ModelEntry {
    const status = statusOf(model)
    const c = model.catalog
    const i = model.imported
    return {
      id: model.id,
      name: c?.name ?? i?.name ?? model.id,
      engine: model.engine,
      source: c ? 'catalog' : 'imported',
      uri: c?.uri ?? null,
      downloadUrl: c ? downloadUrlOf(c.uri) : null,
      filePath: c ? files.own(model.id) : null,
      sizeBytes: c?.sizeBytes ?? files.stat(importedFile(modelsDir, model.id))?.size ?? 0,
      approximateSize: c?.approximateSize ?? false,
      sha256: c?.sha256 ?? null,
      licence: c?.licence ?? null,
      description:
        c?.description ??
        `Imported from ${i?.sourcePath}${i?.architecture ? ` (${i.architecture})` : ''}.`,
      ramBytes: c?.ramBytes ?? null,
      default: c?.default ?? false,
      bundled: c !== null && files.stat(files.bundled(model.id)) !== null,
      active: active(model.engine)?.id === model.id,
      status,
    }
  }

  function allModels(): Model[] {
    return [
      ...catalog.map((c) => ({ id: c.id, engine: c.engine, catalog: c, imported: null })),
      ...imported.map((i) => ({ id: i.id, engine: i.engine, catalog: null, imported: i })),
    ]
  }

  function emitStatus(id: string): void {
    const model = find(id)
    if (model) emit({ type: 'status', model: entry(model) })
  }

  /** Pushes an `active` event for each engine whose effective model changed. */
  function refreshActive(): void {
    for (const engine of ENGINES) {
      const id = active(engine)?.id ?? null
      if (lastActive.get(engine) === id) continue
      const previous = lastActive.get(engine)
      lastActive.set(engine, id)
      emit({ type: 'active', engine, id })
      // The previously active and newly active entries show a changed `active` flag.
      if (previous) emitStatus(previous)
      if (id) emitStatus(id)
    }
  }

  function setTransient(id: string, status: ModelStatus | null): void {
    if (status) transient.set(id, status)
    else transient.delete(id)
    emitStatus(id)
  }

  async function runDownload(
    entryData: CatalogEntry,
    controller: AbortController,
  ): Promise<ModelStatus> {
    const id = entryData.id
    try {
      await downloadFile({
        url: resolveModelUri(entryData.uri, options.huggingFaceEndpoint),
        dest: files.own(id),
        expectedSize: entryData.approximateSize ? null : entryData.sizeBytes,
        sha256: entryData.sha256,
        signal: controller.signal,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        onProgress: (p) => setTransient(id, { state: 'downloading', ...p }),
      })
      transient.delete(id)
    } catch (err) {
      if (err instanceof DownloadError && err.reason === 'cancelled') transient.delete(id)
      else transient.set(id, { state: 'error', message: (err as Error).message })
    } finally {
      downloads.delete(id)
    }
    const model = mustFind(id)
    emitStatus(id)
    refreshActive()
    return statusOf(model)
  }

  async function cancel(id: string): Promise<void> {
    const running = downloads.get(id)
    if (!running) return
    running.controller.abort()
    await running.done
  }

  return {
    /** Loads the catalog, creates the models folder and reads what is on disk. */
    async start(): Promise<void> {
      if (started) return
      catalog = (await loadCatalog(options.catalogPath)).models
      await mkdir(modelsDir, { recursive: true })
      const catalogIds = new Set(catalog.map((m) => m.id))
      imported = scanImported(modelsDir).filter((m) => !catalogIds.has(m.id))
      started = true
      stopping = false
      for (const engine of ENGINES) lastActive.set(engine, active(engine)?.id ?? null)
    },

    /** Cancels running downloads (their part files stay for a resume) and waits for them. */
    async stop(): Promise<void> {
      stopping = true
      const running = [...downloads.values()]
      for (const d of running) d.controller.abort()
      await Promise.all(running.map((d) => d.done))
      started = false
    },

    /** Every catalog and imported model with its status. */
    list(): ModelEntry[] {
      requireStarted()
      return allModels().map(entry)
    },

    /** One model with its status; throws not_found for an unknown id. */
    get(id: string): ModelEntry {
      requireStarted()
      return entry(mustFind(id))
    },

    /**
     * Downloads a catalog model (resuming a part file). Resolves with the final status (ready,
     * missing after a cancel, or error); a second call while it runs joins the first.
     */
    download(id: string): Promise<ModelStatus> {
      requireStarted()
      const model = mustFind(id)
      if (!model.catalog) {
        throw new SwitchboardError(
          'invalid_request',
          `"${id}" is an imported file; there is nothing to download.`,
          { param: 'id' },
        )
      }
      if (stopping) throw new SwitchboardError('unavailable', 'Switchboard is shutting down.')
      const running = downloads.get(id)
      if (running) return running.done
      const current = diskStatus(model)
      if (current.state === 'ready') return Promise.resolve(statusOf(model))
      const controller = new AbortController()
      setTransient(id, {
        state: 'downloading',
        receivedBytes: current.state === 'missing' ? current.partialBytes : 0,
        totalBytes: model.catalog.sizeBytes,
        bytesPerSecond: 0,
        etaSeconds: null,
      })
      const done = runDownload(model.catalog, controller)
      downloads.set(id, { controller, done })
      return done
    },

    /** Stops a download and keeps its part file so the next download resumes; no-op when idle. */
    cancel,

    /**
     * Deletes a model's files. A running download is cancelled first and its part removed.
     * Deleting the active model clears the choice. A model that only ships with the app cannot
     * be deleted (conflict).
     */
    async delete(id: string): Promise<void> {
      requireStarted()
      const model = mustFind(id)
      await cancel(id)
      if (model.imported) {
        await removeImported(modelsDir, id)
        imported = imported.filter((m) => m.id !== id)
      } else {
        const own = files.stat(files.own(id)) ?? files.stat(files.part(id))
        if (!own && files.stat(files.bundled(id))) {
          throw new SwitchboardError(
            'conflict',
            `"${id}" ships with Switchboard and cannot be deleted.`,
            { param: 'id' },
          )
        }
        try {
          await rm(files.own(id), { force: true })
          await rm(files.part(id), { force: true })
        } catch (err) {
          throw new SwitchboardError(
            'conflict',
            `Could not delete "${id}" (${(err as Error).message}). It may be in use; choose another model first, then try again.`,
          )
        }
      }
      transient.delete(id)
      if (settings.getActive(model.engine) === id) settings.setActive(model.engine, null)
      if (model.imported) emit({ type: 'removed', id })
      else emitStatus(id)
      refreshActive()
    },

    /** Copies a GGUF file from disk into the models folder after reading its header; returns the new model. */
    async importFile(path: string, engine: ModelEngine): Promise<ModelEntry> {
      requireStarted()
      const parsedEngine = ModelEngine.safeParse(engine)
      if (!parsedEngine.success) {
        throw new SwitchboardError(
          'invalid_request',
          'Choose the engine: "embedding" or "generative".',
          { param: 'engine' },
        )
      }
      try {
        if (!(await stat(path)).isFile()) throw new Error('not a file')
      } catch {
        throw new SwitchboardError(
          'not_found',
          `There is no file at ${path}. Choose a .gguf file.`,
          { param: 'path' },
        )
      }
      const takenIds = new Set(allModels().map((m) => m.id))
      let model: ImportedModel
      try {
        model = await importModelFile({
          modelsDir,
          source: path,
          engine: parsedEngine.data,
          takenIds,
        })
      } catch (err) {
        if (err instanceof GgufHeaderError) {
          throw new SwitchboardError('invalid_request', err.message, { param: 'path' })
        }
        throw new SwitchboardError(
          'internal',
          `Could not import ${basename(path)}: ${(err as Error).message}`,
        )
      }
      imported = [...imported, model]
      emitStatus(model.id)
      return entry(mustFind(model.id))
    },

    /** Chooses the model an engine uses (only a ready model of that engine); null returns to the default. */
    setActive(engine: ModelEngine, id: string | null): void {
      requireStarted()
      if (id !== null) {
        const model = mustFind(id)
        if (model.engine !== engine) {
          throw new SwitchboardError(
            'invalid_request',
            `"${id}" is a ${model.engine} model; choose a ${engine} model for the ${engine} engine.`,
            { param: 'id' },
          )
        }
        if (diskStatus(model).state !== 'ready') {
          throw new SwitchboardError(
            'conflict',
            `"${id}" is not downloaded yet. Download it first.`,
            { param: 'id' },
          )
        }
      }
      settings.setActive(engine, id)
      refreshActive()
    },

    /** The model an engine should load: the chosen one if ready, else the default if ready, else null. */
    active(engine: ModelEngine): ActiveModel | null {
      requireStarted()
      return active(engine)
    },

    /** Runtime hook: a model is loading (progress 0..1), or done loading (null). */
    setLoading(id: string, progress: number | null): void {
      const model = find(id)
      if (!model) return
      const current = transient.get(id)
      if (progress === null) {
        if (current?.state === 'loading') setTransient(id, null)
        return
      }
      if (current?.state === 'downloading') return
      setTransient(id, { state: 'loading', progress: Math.min(1, Math.max(0, progress)) })
    },

    /** Runtime hook: a model failed to load; the message shows until it loads, downloads or is deleted. */
    setLoadError(id: string, message: string | null): void {
      const model = find(id)
      if (!model) return
      if (message !== null) setTransient(id, { state: 'error', message })
      else if (transient.get(id)?.state === 'error') setTransient(id, null)
    },

    /** Subscribes to status, removal and active-model events; returns the unsubscribe function. */
    subscribe(listener: Listener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type ModelManager = ReturnType<typeof createModelManager>
