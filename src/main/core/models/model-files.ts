import { statSync } from 'node:fs'
import { join } from 'node:path'
import { importedFile } from './imported-models.ts'
import type { ModelStatus } from './model-types.ts'

// Where model files live, and the status the disk alone gives: a verified file is ready (only
// verified files are ever renamed into place), a `.part` is a resumable download.

/** Paths and on-disk status of models in `modelsDir` (and the read-only `bundledDir`). */
export function createModelFiles(modelsDir: string, bundledDir: string | undefined) {
  const own = (id: string) => join(modelsDir, `${id}.gguf`)
  const part = (id: string) => `${own(id)}.part`
  const bundled = (id: string) => (bundledDir ? join(bundledDir, `${id}.gguf`) : null)

  function stat(file: string | null): { path: string; size: number } | null {
    if (!file) return null
    try {
      const s = statSync(file)
      return s.isFile() ? { path: file, size: s.size } : null
    } catch {
      return null
    }
  }

  const ready = (file: { path: string; size: number }): ModelStatus => ({
    state: 'ready',
    path: file.path,
    sizeBytes: file.size,
  })

  return {
    own,
    part,
    bundled,
    stat,
    /** A downloaded copy wins over the bundled one; otherwise missing, with any partial bytes. */
    catalogStatus(id: string): ModelStatus {
      const file = stat(own(id)) ?? stat(bundled(id))
      if (file) return ready(file)
      return { state: 'missing', partialBytes: stat(part(id))?.size ?? 0 }
    },
    importedStatus(id: string): ModelStatus {
      const file = stat(importedFile(modelsDir, id))
      return file ? ready(file) : { state: 'missing', partialBytes: 0 }
    },
  }
}
