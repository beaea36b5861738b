import type { ModelEngine } from './catalog.ts'

export type { ModelEngine } from './catalog.ts'

/**
 * Where a model stands. A `.part` file left by a cancelled or interrupted download shows as
 * `missing` with `partialBytes` > 0: downloading it again resumes from there. `loading` and
 * `error` (from a load) are reported by the runtime through the manager's hooks.
 */
export type ModelStatus =
  | { state: 'missing'; partialBytes: number }
  | {
      state: 'downloading'
      receivedBytes: number
      totalBytes: number | null
      bytesPerSecond: number
      etaSeconds: number | null
    }
  | { state: 'ready'; path: string; sizeBytes: number }
  | { state: 'loading'; progress: number }
  | { state: 'error'; message: string }

export interface ModelEntry {
  id: string
  name: string
  engine: ModelEngine
  source: 'catalog' | 'imported'
  /** The catalog's hf: URI or URL; null for an imported file. */
  uri: string | null
  /** The URL a catalog model downloads from; null for an imported file or an unusable URI. */
  downloadUrl: string | null
  /** Where a catalog model's file belongs in the models folder; null for an imported one. */
  filePath: string | null
  /** Expected size for a catalog model, the file's size for an imported one. */
  sizeBytes: number
  /** `sizeBytes` is the host's rounded figure, not the exact byte count. */
  approximateSize: boolean
  sha256: string | null
  licence: string | null
  description: string
  ramBytes: number | null
  /** The catalog's default model for its engine (used while no model is chosen). */
  default: boolean
  /** A copy ships with the app (in the bundled models folder). */
  bundled: boolean
  /** The model the engine uses now (chosen, or the default while nothing is chosen). */
  active: boolean
  status: ModelStatus
}

export type ModelEvent =
  | { type: 'status'; model: ModelEntry }
  | { type: 'removed'; id: string }
  | { type: 'active'; engine: ModelEngine; id: string | null }

/** Where the chosen model per engine is stored (the settings table in the app). */
export interface ActiveModelSettings {
  getActive(engine: ModelEngine): string | null
  setActive(engine: ModelEngine, id: string | null): void
}

export interface ActiveModel {
  id: string
  path: string
}
