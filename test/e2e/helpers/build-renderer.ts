import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const repo = fileURLToPath(new URL('../../..', import.meta.url))

/** Builds the app with electron-vite into `outDir` and returns the renderer folder in it. */
export async function buildRenderer(outDir: string): Promise<string> {
  const bin = join(repo, 'node_modules', '.bin', 'electron-vite')
  await promisify(execFile)(bin, ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: repo,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  })
  const dir = join(outDir, 'renderer')
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`no renderer build in ${dir}`)
  return dir
}
