import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Bound beyond loopback, the mux asks every client for a member key. A real non-loopback address
// exists only inside a network namespace here, so the server and its clients run in one
// (`unshare -rn`, an unprivileged user+network namespace with 10.77.0.1 on its loopback device).

const script = join(import.meta.dirname, '../helpers/remote-bind-scenario.ts')
const canUnshare =
  spawnSync('unshare', ['-rn', 'true'], { timeout: 5_000 }).status === 0 &&
  spawnSync('unshare', ['-rn', 'ip', 'link', 'set', 'lo', 'up'], { timeout: 5_000 }).status === 0

describe.skipIf(!canUnshare)('a server bound beyond loopback', () => {
  it('needs a member key on /v1/mux while health stays open', async () => {
    const child = spawn(
      'unshare',
      [
        '-rn',
        'sh',
        '-c',
        `ip link set lo up && ip addr add 10.77.0.1/32 dev lo && exec "${process.execPath}" --experimental-strip-types --disable-warning=ExperimentalWarning "${script}"`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
      child.on('exit', (c) => {
        clearTimeout(timer)
        resolve(c)
      })
    })
    expect(code, err).toBe(0)
    const result = JSON.parse(out.trim().split('\n').at(-1)!)
    expect(result.boundTo).toBe('10.77.0.1')
    expect(result.healthz).toBe(200)
    expect(result.withoutKey).toEqual({ status: 401, type: 'authentication_error' })
    expect(result.withKey).toEqual({ status: 200, content: 'echo: from the network' })
  }, 90_000)
})
