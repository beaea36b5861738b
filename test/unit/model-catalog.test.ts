import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCatalog, resolveModelUri } from '../../src/main/core/models/catalog.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

describe('resolveModelUri', () => {
  it('resolves hf: file URIs to Hugging Face download URLs on main', () => {
    expect(
      resolveModelUri('hf:CompendiumLabs/bge-small-en-v1.5-gguf/bge-small-en-v1.5-q8_0.gguf'),
    ).toBe(
      'https://huggingface.co/CompendiumLabs/bge-small-en-v1.5-gguf/resolve/main/bge-small-en-v1.5-q8_0.gguf',
    )
  })

  it('keeps folders in the file path, honours #branch and a mirror endpoint', () => {
    expect(
      resolveModelUri('hf:user/repo/sub dir/model.Q4_K_M.gguf#v2', 'https://mirror.example/'),
    ).toBe('https://mirror.example/user/repo/resolve/v2/sub%20dir/model.Q4_K_M.gguf')
  })

  it('refuses the <repo>:<quant> form and names the file form instead', () => {
    expect(() => resolveModelUri('hf:bartowski/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M')).toThrow(
      /Name the file: hf:bartowski\/Qwen2.5-0.5B-Instruct-GGUF\/<file>\.gguf/,
    )
    expect(() => resolveModelUri('hf:user/repo')).toThrow(/names a repository/)
  })

  it('rejects paths that escape the repository and files that are not .gguf', () => {
    expect(() => resolveModelUri('hf:user/repo/../other/x.gguf')).toThrow(/not a valid hf: URI/)
    expect(() => resolveModelUri('hf:user/repo/readme.md')).toThrow(/does not name a \.gguf file/)
  })

  it('passes https through, allows http only on loopback', () => {
    expect(resolveModelUri('https://example.com/m.gguf')).toBe('https://example.com/m.gguf')
    expect(resolveModelUri('http://127.0.0.1:8080/m.gguf')).toBe('http://127.0.0.1:8080/m.gguf')
    expect(() => resolveModelUri('http://example.com/m.gguf')).toThrow(/only downloaded over https/)
    expect(() => resolveModelUri('ftp://example.com/m.gguf')).toThrow(/not an https URL/)
    expect(() => resolveModelUri('m.gguf')).toThrow(/not a model URI/)
  })
})

describe('loadCatalog', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => ({ dir, cleanup } = makeTempDir()))
  afterEach(() => cleanup())

  const model = (over: Record<string, unknown> = {}) => ({
    id: 'm1',
    name: 'Model one',
    engine: 'embedding',
    uri: 'hf:u/r/m.gguf',
    sizeBytes: 10,
    sha256: null,
    licence: 'MIT',
    description: 'for tests',
    ramBytes: 100,
    ...over,
  })
  const write = (body: unknown) => {
    const file = join(dir, 'catalog.json')
    writeFileSync(file, JSON.stringify(body))
    return file
  }

  it('ships a valid catalog with one default embedding model and resolvable URIs', async () => {
    const catalog = await loadCatalog(
      join(import.meta.dirname, '../../resources/model-catalog.json'),
    )
    expect(catalog.models.length).toBeGreaterThanOrEqual(4)
    const defaults = catalog.models.filter((m) => m.default)
    expect(defaults.map((m) => m.engine)).toEqual(['embedding'])
    expect(new Set(catalog.models.map((m) => m.engine))).toEqual(
      new Set(['embedding', 'generative']),
    )
    for (const m of catalog.models) {
      expect(resolveModelUri(m.uri)).toMatch(
        /^https:\/\/huggingface\.co\/.+\/resolve\/main\/.+\.gguf$/,
      )
    }
  })

  it('fills defaults and accepts a valid catalog', async () => {
    const catalog = await loadCatalog(write({ version: 1, models: [model()] }))
    expect(catalog.models[0]).toMatchObject({ id: 'm1', default: false, sha256: null })
  })

  it('names the offending field of an invalid catalog', async () => {
    await expect(
      loadCatalog(write({ version: 1, models: [model({ sha256: 'abc' })] })),
    ).rejects.toThrow(/invalid at models\.0\.sha256: give 64 lowercase hex digits/)
    await expect(
      loadCatalog(write({ version: 1, models: [model(), model({ name: 'again' })] })),
    ).rejects.toThrow(/models\.1\.id: duplicate id/)
    await expect(
      loadCatalog(
        write({
          version: 1,
          models: [model({ default: true }), model({ id: 'm2', default: true })],
        }),
      ),
    ).rejects.toThrow(/a second default for the embedding engine/)
    await expect(
      loadCatalog(write({ version: 1, models: [model({ uri: 'http://example.com/m.gguf' })] })),
    ).rejects.toThrow(/models\.0\.uri/)
    await expect(
      loadCatalog(write({ version: 1, models: [model({ approximateSize: true, sha256: null })] })),
    ).rejects.toThrow(/models\.0\.sha256: give the SHA-256: with only a rounded size/)
  })

  it('says what to do when the file is missing or not JSON', async () => {
    await expect(loadCatalog(join(dir, 'nope.json'))).rejects.toThrow(
      /Could not read the model catalog/,
    )
    const file = join(dir, 'bad.json')
    writeFileSync(file, '{ not json')
    await expect(loadCatalog(file)).rejects.toThrow(/Reinstall the app or fix the file/)
  })
})
