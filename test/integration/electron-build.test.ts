// What ships: the electron-vite build output, and electron-builder's config checked with
// electron-builder's own validator and file matcher. `electron-builder --dir` itself needs the
// Electron binary, which this machine lacks; run `npm run dist` (or `npx electron-builder --dir`)
// on a build machine for a real package.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Script } from 'node:vm'
import { makeTempDir } from '../helpers/temp-dir.ts'

const root = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string
  dependencies: Record<string, string>
  scripts: Record<string, string>
}
const temp = makeTempDir('switchboard-build-')
const out = join(temp.dir, 'out')

beforeAll(async () => {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  await promisify(execFile)(
    process.execPath,
    [cli, 'build', '--outDir', out, '--logLevel', 'warn'],
    {
      cwd: root,
    },
  )
}, 120_000)
afterAll(() => temp.cleanup())

const read = (path: string) => readFileSync(join(out, path), 'utf8')

/** Bare module specifiers a bundle imports statically or dynamically. */
function importedModules(code: string): Set<string> {
  const found = new Set<string>()
  // Statements at the start of a line (a string such as "at >= @from" is not an import).
  const patterns = [
    /^\s*(?:import|export)\b[^;"]*?\bfrom\s*"([^"./][^"]*)"/gm,
    /^\s*import\s*"([^"./][^"]*)"/gm,
    /\bimport\(\s*"([^"./][^"]*)"\s*\)/g,
  ]
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.add(m[1]!)
  return found
}

describe('electron-vite build output', () => {
  it('writes main, preload and renderer where package.json and window.ts expect them', () => {
    expect(pkg.main).toBe('out/main/index.js')
    for (const file of ['main/index.js', 'preload/index.cjs', 'renderer/index.html'])
      expect(existsSync(join(out, file)), file).toBe(true)
  })

  it('keeps native modules external in main: imported by name, never bundled', () => {
    const main = read('main/index.js')
    const modules = importedModules(main)
    expect(modules).toContain('better-sqlite3')
    expect(modules).toContain('node-llama-cpp')
    expect(modules).toContain('electron')
    // Code from inside the packages would mean they were bundled.
    expect(main).not.toMatch(/The "nativeBinding" option|better_sqlite3\.node/)
    expect(main).not.toMatch(/function getLlamaForOptions|llama-addon/)
  })

  it('imports in main only builtins, electron and runtime dependencies (so the package has them)', () => {
    const allowed = new Set([...Object.keys(pkg.dependencies), 'electron'])
    for (const name of importedModules(read('main/index.js'))) {
      const bare = name.replace(/^node:/, '')
      const pkgName = name.startsWith('@')
        ? name.split('/').slice(0, 2).join('/')
        : name.split('/')[0]!
      expect(builtinModules.includes(bare) || allowed.has(pkgName), name).toBe(true)
    }
  })

  it('builds the preload as a CommonJS script (sandboxed preloads cannot be ES modules), without zod', () => {
    const preload = read('preload/index.cjs')
    // A sandboxed preload may require only a few modules; this one needs electron alone.
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])
    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(preload).not.toMatch(/^\s*(import|export)\s/m)
    expect(() => new Script(preload, { filename: 'index.cjs' })).not.toThrow()
    expect(preload).not.toMatch(/ZodError|zod/)
    expect(preload).toContain('exposeInMainWorld("switchboard"')
  })

  it('gives the renderer page a strict Content-Security-Policy and its assets', () => {
    const html = read('renderer/index.html')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(csp).toMatch(/default-src 'self'/)
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).not.toMatch(/unsafe-eval/)
    for (const m of html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g))
      expect(existsSync(join(out, 'renderer', m[1]!)), m[1]).toBe(true)
  })
})

// electron-builder internals, loaded the way electron-builder loads them (CommonJS).
const require = createRequire(import.meta.url)
type Config = Record<string, unknown> & {
  files: string[]
  asarUnpack: string[]
  extraResources: { from: string; to: string; filter?: string[] }[]
  mac: { target: string; icon: string }
  win: { target: string; icon: string }
  linux: { target: string[]; icon: string }
}
interface Matcher {
  patterns: string[]
  createFilter(): (file: string, stat: object) => boolean
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
const { FileMatcher, getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher.js')
const { expandMacro } = require('app-builder-lib/out/util/macroExpander.js')
const { DebugLogger } = require('builder-util')

describe('electron-builder config', () => {
  let config: Config
  beforeAll(async () => {
    config = (await getConfig(root, null, null)) as Config
  })

  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(
      validateConfiguration({ ...config, asarUnpacked: true }, new DebugLogger(false)),
    ).rejects.toThrow()
  })

  it('targets AppImage and deb, dmg, and nsis, and `npm run dist` builds for this OS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toBe('dmg')
    expect(config.win.target).toBe('nsis')
    expect(pkg.scripts.dist).toMatch(/^electron-vite build && electron-builder\b/)
    expect(pkg.scripts.dist).not.toMatch(/--(mac|win|linux)\b/)
    expect(config.npmRebuild).toBe(false)
  })

  it('unpacks the native modules from the asar', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/**',
        'node_modules/@node-llama-cpp/**',
        'node_modules/node-llama-cpp/bins/**',
      ]),
    )
  })

  it('ships the model catalog, the default model folder and the icons as extra resources', () => {
    const to = Object.fromEntries(config.extraResources.map((r) => [r.to, r.from]))
    expect(to).toMatchObject({
      'model-catalog.json': 'resources/model-catalog.json',
      'model-facts.json': 'resources/model-facts.json',
      models: 'resources/models',
      icons: 'resources/icons',
    })
    for (const icon of [config.mac.icon, config.win.icon, config.linux.icon]) {
      const png = readFileSync(join(root, icon))
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512)
    }
    for (const name of ['trayTemplate', 'tray-dark', 'tray-light'])
      for (const suffix of ['.png', '@2x.png'])
        expect(existsSync(join(root, 'resources/icons', name + suffix)), name + suffix).toBe(true)
  })

  it('packs only this OS and CPU’s native binaries, and no CUDA build', () => {
    const os =
      ({ darwin: 'mac', win32: 'win' } as Record<string, string>)[process.platform] ?? 'linux'
    const arch = process.arch
    const appInfo = { productName: 'Switchboard', sanitizedProductName: 'Switchboard' }
    const macro = (p: string) => expandMacro(p, arch, appInfo, { os, '/*': '{,/**/*}' })
    const patterns = (
      getNodeModuleFileMatcher(
        root,
        '/app',
        macro,
        {},
        {
          config,
          debugLogger: { isEnabled: false },
        },
      ) as Matcher
    ).patterns
    // electron-builder filters each module's files with a matcher rooted at the module.
    const packed = (rel: string) => {
      const parts = rel.split('/')
      const moduleDir = join(root, ...parts.slice(0, parts[1]!.startsWith('@') ? 3 : 2))
      const matcher = new FileMatcher(moduleDir, '/app', macro, patterns) as Matcher
      return matcher.createFilter()(join(root, rel), {
        isDirectory: () => false,
        moduleFullFilePath: rel,
      })
    }

    const prebuilds = readdirSync(join(root, 'node_modules/better-sqlite3/prebuilds'))
    const keptSqlite = prebuilds.filter((f) => packed(`node_modules/better-sqlite3/prebuilds/${f}`))
    expect(keptSqlite).toEqual(prebuilds.filter((f) => f === `${process.platform}-${arch}.node`))
    expect(packed('node_modules/better-sqlite3/lib/index.js')).toBe(true)
    expect(packed('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false)

    const binaries = readdirSync(join(root, 'node_modules/@node-llama-cpp'))
    const kept = binaries.filter((b) => packed(`node_modules/@node-llama-cpp/${b}/package.json`))
    const expected = binaries.filter((b) => b.startsWith(`${os}-${arch}`) && !b.includes('cuda'))
    expect(kept).toEqual(expected)
    expect(binaries.some((b) => b.includes('cuda') && kept.includes(b))).toBe(false)
    expect(packed('node_modules/node-llama-cpp/dist/index.js')).toBe(true)
    expect(packed('node_modules/node-llama-cpp/llama/gitRelease.bundle')).toBe(false)
  })
})
