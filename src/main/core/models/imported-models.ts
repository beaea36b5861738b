import { constants, readdirSync, readFileSync, statSync } from 'node:fs'
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { ModelEngine } from './catalog.ts'
import { readGgufHeader } from './gguf-header.ts'

// Imported models are copied into `<modelsDir>/imported/<id>.gguf` with a `<id>.json` beside it.
// A copy (not a link) so the model keeps working when the original is moved, deleted or on a
// drive that is unplugged, and so deleting it here never touches the user's own file. Where the
// file system supports it the copy is a clone (copy-on-write) and costs no extra space.

export const ImportedModel = z.object({
  id: z.string(),
  name: z.string(),
  engine: ModelEngine,
  sourcePath: z.string(),
  architecture: z.string().nullable(),
  importedAt: z.string(),
})
export type ImportedModel = z.infer<typeof ImportedModel>

const MAX_ID_SUFFIX = 100

/** The folder imported models are copied into. */
export function importedDir(modelsDir: string): string {
  return join(modelsDir, 'imported')
}

/** The copied GGUF file of an imported model. */
export function importedFile(modelsDir: string, id: string): string {
  return join(importedDir(modelsDir), `${id}.gguf`)
}

/** Imported models found on disk; an entry whose GGUF or description is missing or unreadable is skipped. */
export function scanImported(modelsDir: string): ImportedModel[] {
  let names: string[]
  try {
    names = readdirSync(importedDir(modelsDir))
  } catch {
    return []
  }
  const models: ImportedModel[] = []
  for (const name of names) {
    if (!name.endsWith('.json')) continue
    try {
      const model = ImportedModel.parse(
        JSON.parse(readFileSync(join(importedDir(modelsDir), name), 'utf8')),
      )
      if (statSync(importedFile(modelsDir, model.id)).isFile()) models.push(model)
    } catch {
      // A half-written or hand-edited description: the model is simply not listed.
    }
  }
  return models.sort((a, b) => a.importedAt.localeCompare(b.importedAt))
}

/** Verifies a GGUF file and copies it in under an id made from its file name (unique among `takenIds`). */
export async function importModelFile(options: {
  modelsDir: string
  source: string
  engine: ModelEngine
  takenIds: ReadonlySet<string>
}): Promise<ImportedModel> {
  const header = await readGgufHeader(options.source)
  const id = uniqueId(idFromFileName(options.source), options.takenIds)
  const dir = importedDir(options.modelsDir)
  await mkdir(dir, { recursive: true })
  const target = importedFile(options.modelsDir, id)
  const partial = `${target}.importing`
  try {
    await copyFile(options.source, partial, constants.COPYFILE_FICLONE)
    const copied = await stat(partial)
    const original = await stat(options.source)
    if (copied.size !== original.size) {
      throw new Error(
        `Copying ${options.source} stopped early. Check the free disk space and try again.`,
      )
    }
    await rename(partial, target)
  } catch (err) {
    await rm(partial, { force: true })
    throw err
  }
  const model: ImportedModel = {
    id,
    name: header.name?.trim() || basename(options.source).replace(/\.gguf$/i, ''),
    engine: options.engine,
    sourcePath: options.source,
    architecture: header.architecture ?? null,
    importedAt: new Date().toISOString(),
  }
  const description = join(dir, `${id}.json`)
  await writeFile(`${description}.tmp`, JSON.stringify(model, null, 2) + '\n')
  await rename(`${description}.tmp`, description)
  return model
}

/** Removes an imported model's copy and description (never the original file). */
export async function removeImported(modelsDir: string, id: string): Promise<void> {
  await rm(join(importedDir(modelsDir), `${id}.json`), { force: true })
  await rm(importedFile(modelsDir, id), { force: true })
}

/** A catalog-style id from a file name: "Qwen2.5-0.5B Instruct.Q4_K_M.gguf" -> "qwen2.5-0.5b-instruct.q4_k_m". */
export function idFromFileName(file: string): string {
  const slug = basename(file)
    .replace(/\.gguf$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[-.]+$/, '')
    .slice(0, 56)
  return slug || 'model'
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base
  for (let n = 2; n <= MAX_ID_SUFFIX; n++) {
    if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
  }
  throw new Error(`Too many models are named like "${base}". Delete some imported copies first.`)
}
