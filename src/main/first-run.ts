import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** True on the first launch with this data dir; the window opens then, later launches stay in the tray. */
export function takeFirstRun(dataDir: string): boolean {
  const marker = join(dataDir, '.launched')
  if (existsSync(marker)) return false
  writeFileSync(marker, `${new Date().toISOString()}\n`)
  return true
}
