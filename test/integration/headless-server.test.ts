import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../helpers/temp-dir.ts'

const cli = join(import.meta.dirname, '../../src/main/cli.ts')
const children: ChildProcess[] = []
const temps: (() => void)[] = []

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
  for (const cleanup of temps.splice(0)) cleanup()
})

function run(args: string[]): {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
} {
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SWITCHBOARD_ADMIN_TOKEN: '' },
  })
  children.push(child)
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => out, exited }
}

async function waitFor(
  check: () => RegExpMatchArray | null,
  what: string,
): Promise<RegExpMatchArray> {
  // Generous: a child Node process starting on a loaded 2-core machine can take many seconds.
  for (const deadline = Date.now() + 45_000; Date.now() < deadline;) {
    const match = check()
    if (match) return match
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

function tempDir(): string {
  const { dir, cleanup } = makeTempDir()
  temps.push(cleanup)
  return dir
}

describe('npm run serve', { timeout: 120_000 }, () => {
  it('prints where it listens, keeps data across restarts, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir()
    const first = run(['serve', '--port', '0', '--data-dir', dataDir])
    const [, url] = await waitFor(
      () => first.output().match(/Switchboard listening on (http:\/\/127\.0\.0\.1:\d+)/),
      'listening',
    )
    const tokenFile = join(dataDir, 'admin-token')
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600)
    const token = readFileSync(tokenFile, 'utf8').trim()
    const created = await fetch(`${url}/api/v1/workspaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'persisted' }),
    })
    expect(created.status).toBe(201)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    expect(first.output()).toContain('switchboard: stopped')

    const second = run([
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--admin-token',
      'chosen-token',
    ])
    const [, url2] = await waitFor(
      () => second.output().match(/listening on (http:\/\/127\.0\.0\.1:\d+)/),
      'restart',
    )
    const list = await (
      await fetch(`${url2}/api/v1/workspaces`, {
        headers: { authorization: 'Bearer chosen-token' },
      })
    ).json()
    expect(list.map((w: { name: string }) => w.name)).toEqual(['default', 'persisted'])
    const regenerate = await fetch(`${url2}/api/v1/admin-token/regenerate`, {
      method: 'POST',
      headers: { authorization: 'Bearer chosen-token' },
    })
    expect(regenerate.status).toBe(409)
    expect((await regenerate.json()).error.message).toMatch(/set by --admin-token/)
    second.child.kill('SIGINT')
    expect(await second.exited).toBe(0)
  })

  it('refuses a second process on the same data dir with a clear message', async () => {
    const dataDir = tempDir()
    const first = run(['serve', '--port', '0', '--data-dir', dataDir])
    await waitFor(() => first.output().match(/listening/), 'first')
    const second = run(['serve', '--port', '0', '--data-dir', dataDir])
    expect(await second.exited).toBe(2)
    expect(second.output()).toContain(
      `Another Switchboard is already running with the data directory ${dataDir}`,
    )
  })

  it('binds the saved bindAddress, and refuses to save a non-loopback one without allowRemote', async () => {
    const dataDir = tempDir()
    const first = run(['serve', '--port', '0', '--data-dir', dataDir])
    const [, url] = await waitFor(
      () => first.output().match(/listening on (http:\/\/127\.0\.0\.1:\d+)/),
      'first',
    )
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()
    const patch = (bindAddress: string) =>
      fetch(`${url}/api/v1/settings`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ bindAddress }),
      })
    const bad = await patch('my laptop')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toMatchObject({
      param: 'bindAddress',
      message: expect.stringMatching(/127\.0\.0\.1 for this machine only/),
    })
    expect((await patch('127.0.0.2')).status).toBe(200)
    first.child.kill('SIGTERM')
    await first.exited

    const loopback = run(['serve', '--port', '0', '--data-dir', dataDir])
    await waitFor(
      () => loopback.output().match(/listening on http:\/\/127\.0\.0\.2:\d+/),
      'the saved address',
    )
    const [, url2] = loopback.output().match(/listening on (http:\/\/127\.0\.0\.2:\d+)/)!
    const res = await fetch(`${url2}/api/v1/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ bindAddress: '0.0.0.0' }),
    })
    // A bind other machines reach needs the same consent in the API as --allow-remote on start.
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatchObject({
      param: 'allowRemote',
      message: expect.stringMatching(/Send allowRemote: true with it to confirm/),
    })
    loopback.child.kill('SIGTERM')
    await loopback.exited
  })

  it('refuses a non-loopback bind without --allow-remote, and a taken port', async () => {
    const remote = run(['serve', '--host', '0.0.0.0', '--data-dir', tempDir()])
    expect(await remote.exited).toBe(2)
    expect(remote.output()).toMatch(/Add --allow-remote/)

    const first = run(['serve', '--port', '0', '--data-dir', tempDir()])
    const [, port] = await waitFor(
      () => first.output().match(/listening on http:\/\/127\.0\.0\.1:(\d+)/),
      'first',
    )
    const clash = run(['serve', '--port', port!, '--data-dir', tempDir()])
    expect(await clash.exited).toBe(2)
    expect(clash.output()).toMatch(
      new RegExp(`Port ${port} on 127.0.0.1 is in use by another program`),
    )
  })
})
