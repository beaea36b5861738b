// The small plain-Node helpers behind the Electron entry: autostart on Linux, first run, free ports.
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { takeFirstRun } from '../../src/main/first-run.ts'
import { findFreePort, isPortFree } from '../../src/main/free-port.ts'
import { autostartEntry, autostartPath, setLinuxAutostart } from '../../src/main/linux-autostart.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

const temps: { cleanup: () => void }[] = []
const servers: Server[] = []
afterEach(() => {
  for (const t of temps.splice(0)) t.cleanup()
  for (const s of servers.splice(0)) s.close()
})
const tempDir = () => {
  const t = makeTempDir()
  temps.push(t)
  return t.dir
}

describe('Linux autostart', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, or ~/.config/autostart', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/autostart/switchboard.desktop')
    expect(autostartPath({})).toMatch(/\.config\/autostart\/switchboard\.desktop$/)
  })

  it('quotes the command as the Desktop Entry spec asks', () => {
    const entry = autostartEntry('/opt/My Apps/Switchboard "beta".AppImage')
    // `"` is escaped for the quoting (\"), then that backslash for the string value (\\").
    expect(entry).toContain('Exec="/opt/My Apps/Switchboard \\\\"beta\\\\".AppImage"')
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true)
  })

  it('writes the entry when enabled and removes it when disabled', () => {
    const path = join(tempDir(), 'autostart', 'switchboard.desktop')
    setLinuxAutostart(true, '/usr/bin/switchboard', path)
    expect(readFileSync(path, 'utf8')).toContain('Exec="/usr/bin/switchboard"')
    setLinuxAutostart(false, '/usr/bin/switchboard', path)
    expect(existsSync(path)).toBe(false)
    setLinuxAutostart(false, '/usr/bin/switchboard', path) // already gone: no error
  })
})

describe('first run', () => {
  it('is true once per data dir', () => {
    const dir = tempDir()
    expect(takeFirstRun(dir)).toBe(true)
    expect(takeFirstRun(dir)).toBe(false)
  })
})

describe('free ports', () => {
  it('skips a taken port and offers the next free one', async () => {
    const server = createServer()
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const taken = (server.address() as { port: number }).port
    expect(await isPortFree(taken)).toBe(false)
    const offered = await findFreePort(taken)
    expect(offered).not.toBe(taken)
    expect(offered).toBeGreaterThan(taken)
    expect(await isPortFree(offered!)).toBe(true)
  })
})
