import type { z } from 'zod'
import type { ClassifierStatus as ClassifierStatusSchema } from '../../../shared/models.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { Settings } from '../../../shared/schemas.ts'
import type { EventBus } from '../events.ts'
import type { ModelManager } from '../models/model-manager.ts'

type ClassifierStatus = z.infer<typeof ClassifierStatusSchema>
import type { LocalModels } from './local-models.ts'

interface Deps {
  manager: ModelManager
  local: LocalModels
  settings: () => Settings
  events: EventBus
}

/** Local classifier models as the contract sees them: list, download, choose, and what serves now. */
export function createClassifierService(deps: Deps) {
  const { manager, local, settings, events } = deps

  function status(): ClassifierStatus {
    const s = settings()
    const configured = s.classifierEngine
    const serving = configured !== 'lexical' && local.engine(configured) ? configured : 'lexical'
    const active = {
      embedding: manager.active('embedding')?.id ?? null,
      generative: manager.active('generative')?.id ?? null,
    }
    let hint: string | null = null
    if (configured !== 'lexical' && !active[configured]) {
      hint = `No ${configured} model is installed yet: the built-in lexical engine classifies meanwhile. Download one from the catalog or import a GGUF file.`
    } else if (configured !== 'lexical' && serving === 'lexical') {
      const runtime = local.status(configured)
      hint =
        runtime.state === 'error'
          ? `The ${configured} model failed to load: ${runtime.message}`
          : `The ${configured} model is loading; the lexical engine classifies meanwhile.`
    }
    return {
      configuredEngine: configured,
      servingEngine: serving,
      cascade: s.classifierCascade,
      activeModels: active,
      runtime: { embedding: local.status('embedding'), generative: local.status('generative') },
      hint,
    }
  }

  let stopped = false
  const publish = () => {
    if (!stopped) events.emit('classifierChanged', status())
  }
  // Loading happens off the request path; a failure shows in the model's status, not as a throw.
  const resync = () => {
    if (stopped) return
    local.sync().then(publish, (err: Error) => {
      if (!stopped)
        console.error(`switchboard: could not load the classifier model: ${err.message}`)
    })
  }

  manager.subscribe((event) => {
    if (event.type === 'status') events.emit('modelChanged', event.model)
    if (event.type === 'removed') events.emit('modelRemoved', { id: event.id })
    if (
      event.type === 'active' ||
      (event.type === 'status' && event.model.active && event.model.status.state === 'ready')
    )
      resync()
  })

  function entry(id: string) {
    try {
      return manager.get(id)
    } catch (err) {
      throw new SwitchboardError('not_found', (err as Error).message, { param: 'id' })
    }
  }

  /** Runs a manager call, turning its errors into clear 4xx answers. */
  async function guarded<T>(param: string, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (err) {
      if (err instanceof SwitchboardError) throw err
      throw new SwitchboardError('invalid_request', (err as Error).message, { param })
    }
  }

  return {
    status,
    resync,
    /** Stops reacting to model and settings changes (before the manager and runtime shut down). */
    async stop() {
      stopped = true
      await local.stop()
    },
    list: () => manager.list(),
    async download(id: string) {
      entry(id)
      void manager.download(id)
      return entry(id)
    },
    async cancel(id: string) {
      entry(id)
      await manager.cancel(id)
      return entry(id)
    },
    delete: (id: string) => guarded('id', () => (entry(id), manager.delete(id))),
    import: (path: string, engine: 'embedding' | 'generative') =>
      guarded('path', () => manager.importFile(path, engine)),
    async setActive(engine: 'embedding' | 'generative', id: string | null) {
      await guarded('id', () => manager.setActive(engine, id))
      await local.sync()
      publish()
      return status()
    },
  }
}

export type ClassifierService = ReturnType<typeof createClassifierService>
