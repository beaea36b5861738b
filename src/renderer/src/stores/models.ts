import { create } from 'zustand'
import type { OperationOutput } from '../../../shared/contract.ts'
import type { LocalModel } from '../../../shared/models.ts'
import { api } from '../api.ts'
import { upsert } from './upsert.ts'

type Engine = LocalModel['engine']
export type ClassifierStatus = OperationOutput<'getClassifierStatus'>

interface ModelsState {
  models: LocalModel[]
  classifier: ClassifierStatus | null
  loaded: boolean
  load(): Promise<void>
  put(model: LocalModel): void
  drop(id: string): void
  setClassifier(status: ClassifierStatus): void
  download(id: string): Promise<void>
  cancel(id: string): Promise<void>
  remove(id: string): Promise<void>
  importFile(path: string, engine: Engine): Promise<LocalModel>
  setActive(engine: Engine, id: string | null): Promise<void>
}

const byId = (m: LocalModel) => m.id

/** Local classifier models and the classifier's state; download progress arrives as events. */
export const useModels = create<ModelsState>((set, get) => ({
  models: [],
  classifier: null,
  loaded: false,
  async load() {
    const [models, classifier] = await Promise.all([
      api().listModels({}),
      api().getClassifierStatus({}),
    ])
    set({ models, classifier, loaded: true })
  },
  put: (model) => set((s) => ({ models: upsert(s.models, model, byId) })),
  drop: (id) => set((s) => ({ models: s.models.filter((m) => m.id !== id) })),
  setClassifier: (classifier) => set({ classifier }),
  async download(id) {
    get().put(await api().downloadModel({ id }))
  },
  async cancel(id) {
    get().put(await api().cancelModelDownload({ id }))
  },
  async remove(id) {
    await api().deleteModel({ id })
    // Catalog models stay listed as missing; the core pushes their new state.
    set({ models: await api().listModels({}) })
  },
  async importFile(path, engine) {
    const model = await api().importModel({ path, engine })
    get().put(model)
    return model
  },
  async setActive(engine, id) {
    set({ classifier: await api().setActiveModel({ engine, id }) })
    set({ models: await api().listModels({}) })
  },
}))
