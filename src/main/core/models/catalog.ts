import { readFile } from 'node:fs/promises'
import { z } from 'zod'

// The catalog of recommended models (resources/model-catalog.json). The path is passed in so tests
// and the packaging script can use their own file.

export const ModelEngine = z.enum(['embedding', 'generative'])
export type ModelEngine = z.infer<typeof ModelEngine>

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export const CatalogEntry = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use 1-64 lowercase letters, digits, ".", "_" or "-"'),
  name: z.string().min(1),
  engine: ModelEngine,
  uri: z.string().refine((uri) => {
    try {
      resolveModelUri(uri)
      return true
    } catch {
      return false
    }
  }, 'use hf:<user>/<repo>/<file>.gguf, an https:// URL, or http:// on loopback'),
  sizeBytes: z.number().int().positive(),
  /**
   * The host publishes only a rounded size: the download takes the server's length and the
   * SHA-256 proves the file. Without it, a file of another size is refused.
   */
  approximateSize: z.boolean().default(false),
  /** Lowercase hex SHA-256 of the file, or null when no published value is known. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'give 64 lowercase hex digits, or null')
    .nullable(),
  licence: z.string().min(1),
  description: z.string().min(1),
  /** Approximate memory the model needs when loaded with a small context. */
  ramBytes: z.number().int().positive(),
  default: z.boolean().default(false),
})
export type CatalogEntry = z.infer<typeof CatalogEntry>

export const Catalog = z
  .object({
    version: z.literal(1),
    about: z.string().optional(),
    models: z.array(CatalogEntry),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>()
    const defaults = new Set<ModelEngine>()
    catalog.models.forEach((model, index) => {
      if (seen.has(model.id)) {
        ctx.addIssue({ code: 'custom', path: ['models', index, 'id'], message: 'duplicate id' })
      }
      seen.add(model.id)
      if (model.approximateSize && model.sha256 === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, 'sha256'],
          message: 'give the SHA-256: with only a rounded size, nothing else proves the file',
        })
      }
      if (!model.default) return
      if (defaults.has(model.engine)) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, 'default'],
          message: `a second default for the ${model.engine} engine`,
        })
      }
      defaults.add(model.engine)
    })
  })
export type Catalog = z.infer<typeof Catalog>

/** Reads and validates a model catalog file; throws an Error naming the bad field. */
export async function loadCatalog(file: string): Promise<Catalog> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    throw new Error(
      `Could not read the model catalog ${file}: ${(err as Error).message}. Reinstall the app or fix the file.`,
      { cause: err },
    )
  }
  const parsed = Catalog.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.join('.') || '(top level)'
    throw new Error(
      `The model catalog ${file} is invalid at ${where}: ${issue?.message}. Fix the file or reinstall the app.`,
    )
  }
  return parsed.data
}

/**
 * Turns a model URI into a download URL: `hf:<user>/<repo>/<path>.gguf[#<branch>]` becomes
 * `<endpoint>/<user>/<repo>/resolve/<branch or main>/<path>`; https URLs (and http on loopback,
 * for tests and local mirrors) pass through.
 */
export function resolveModelUri(uri: string, endpoint = 'https://huggingface.co'): string {
  if (uri.startsWith('hf:')) return resolveHuggingFace(uri, endpoint)
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    throw new Error(
      `"${uri}" is not a model URI. Use hf:<user>/<repo>/<file>.gguf or an https URL.`,
    )
  }
  if (url.protocol === 'https:') return url.href
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url.href
  throw new Error(`"${uri}" is not an https URL. Models are only downloaded over https.`)
}

function resolveHuggingFace(uri: string, endpoint: string): string {
  const body = uri.slice('hf:'.length).replace(/^\/\//, '')
  const [path = '', branch = 'main', ...rest] = body.split('#')
  const parts = path.split('/')
  const [user, repo, ...file] = parts
  if (rest.length > 0 || !user || !repo || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`"${uri}" is not a valid hf: URI. Use hf:<user>/<repo>/<file>.gguf.`)
  }
  if (file.length === 0 || repo.includes(':')) {
    // The <repo>:<quant> form needs Hugging Face's manifest API to find the file; a catalog names it.
    throw new Error(
      `"${uri}" names a repository, not a file. Name the file: hf:${user}/${repo.split(':')[0]}/<file>.gguf.`,
    )
  }
  if (!file[file.length - 1]!.toLowerCase().endsWith('.gguf')) {
    throw new Error(`"${uri}" does not name a .gguf file. Use hf:<user>/<repo>/<file>.gguf.`)
  }
  const segments = [user, repo, 'resolve', branch || 'main', ...file].map(encodeURIComponent)
  return `${endpoint.replace(/\/+$/, '')}/${segments.join('/')}`
}
