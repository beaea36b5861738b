import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { Pool } from 'undici'
import { startChild } from './children.ts'
import { percentile, runLoad, type LoadResult } from './load.ts'
import { requestBodies } from './request-bodies.ts'

// The chat path beside a peer: the same requests sent straight to the fake OpenAI upstream,
// through the bare pass-through (the floor), through Switchboard and through Portkey's gateway
// (pinned, installed from npm into a cache on first use), in alternating order within each round.
// Prints the proxy overhead table of issue 15: req/s and added p50 at c=1/16/64, and the added
// stream TTFB of sequential requests.
//
//   npm run bench:peers        ~2 min after the first install

const PORTKEY = '@portkey-ai/gateway@1.15.2'
const ROUNDS = 3
const SLOT_MS = 1_500
const WARMUP_MS = 2_000
const MAX_REQUESTS = 50_000
const CONCURRENCIES = [1, 16, 64] as const
const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'switchboard', 'peers')

type Name = 'direct' | 'floor' | 'switchboard' | 'portkey'
interface Target {
  pool: Pool
  path: string
  headers?: Record<string, string>
}
type Slot = 'c1' | 'c16' | 'c64' | 'stream'

/** Installs the pinned gateway into the cache once; returns its entry script. */
function installPortkey(): string {
  const dir = join(CACHE, PORTKEY.replace(/[@/]/g, '_'))
  const entry = join(dir, 'node_modules/@portkey-ai/gateway/build/start-server.js')
  if (existsSync(entry)) return entry
  mkdirSync(dir, { recursive: true })
  process.stdout.write(`installing ${PORTKEY} into ${dir}\n`)
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', dir, '--no-audit', '--no-fund', '--silent', PORTKEY],
    { stdio: 'inherit', timeout: 300_000 },
  )
  if (npm.status !== 0 || !existsSync(entry)) throw new Error(`could not install ${PORTKEY}`)
  return entry
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Starts the gateway headless and waits (up to 30 s) until it answers. */
async function startPortkey(entry: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort()
  const child = spawn(process.execPath, [entry, `--port=${port}`, '--headless'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = performance.now() + 30_000
  while (performance.now() < deadline) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    )
    if (up) return { url, child }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill()
  throw new Error('Portkey gateway did not start in 30 s')
}

async function main(): Promise<void> {
  const portkeyEntry = installPortkey()
  const upstream = await startChild('upstream')
  const [floor, switchboard] = await Promise.all([
    startChild('bare', upstream.url),
    startChild('switchboard', upstream.url),
  ])
  const portkey = await startPortkey(portkeyEntry)
  const pool = (url: string) => new Pool(url, { connections: 64, keepAliveTimeout: 30_000 })
  const targets: Record<Name, Target> = {
    direct: { pool: pool(upstream.url), path: '/v1/chat/completions' },
    floor: { pool: pool(floor.url), path: '/v1/chat/completions' },
    switchboard: { pool: pool(new URL(switchboard.url).origin), path: '/v1/mux/chat/completions' },
    portkey: {
      pool: pool(portkey.url),
      path: '/v1/chat/completions',
      headers: {
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${upstream.url}/v1`,
        authorization: 'Bearer sk-bench-0000',
      },
    },
  }
  const names = Object.keys(targets) as Name[]
  const bodies = requestBodies(2.4)
  const load = (t: Target, slot: Slot, ms: number) =>
    runLoad({
      ...t,
      body: slot === 'stream' ? bodies.stream : bodies.plain,
      concurrency: slot === 'stream' ? 1 : Number(slot.slice(1)),
      maxRequests: MAX_REQUESTS,
      maxMs: ms,
    })
  const samples = Object.fromEntries(
    names.map((n) => [n, { c1: [], c16: [], c64: [], stream: [] }]),
  ) as unknown as Record<Name, Record<Slot, LoadResult[]>>
  try {
    for (const name of names) {
      const check = await load(targets[name], 'c1', 300)
      if (check.errors > 0 || check.requests === 0)
        throw new Error(`${name} failed ${check.errors} of its first requests`)
      await load(targets[name], 'c16', WARMUP_MS)
      await load(targets[name], 'stream', WARMUP_MS / 2)
    }
    const slots: Slot[] = [...CONCURRENCIES.map((c) => `c${c}` as Slot), 'stream']
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, slot] of slots.entries()) {
        // Rotate who goes first, so no variant always runs right after another's load.
        const order = names.map((_, k) => names[(k + round + i) % names.length]!)
        for (const name of order) samples[name][slot].push(await load(targets[name], slot, SLOT_MS))
      }
      process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`)
    }
    report(samples, names)
  } finally {
    await Promise.all(Object.values(targets).map((t) => t.pool.close()))
    portkey.child.kill()
    await Promise.all([floor.close(), switchboard.close()])
    await upstream.close()
  }
}

function report(samples: Record<Name, Record<Slot, LoadResult[]>>, names: Name[]): void {
  const rps = (rs: LoadResult[]) =>
    (rs.reduce((n, r) => n + r.requests, 0) / rs.reduce((n, r) => n + r.elapsedMs, 0)) * 1000
  const p50 = (rs: LoadResult[], key: 'latencies' | 'ttfb') =>
    percentile(
      rs.flatMap((r) => r[key]),
      50,
    )
  const added = (name: Name, slot: Slot, key: 'latencies' | 'ttfb') =>
    p50(samples[name][slot], key) - p50(samples.direct[slot], key)
  const errors = (name: Name) =>
    Object.values(samples[name])
      .flat()
      .reduce((n, r) => n + r.errors, 0)
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} ms` : 'failed')
  const header = ['req/s c=1', 'c=16', 'c=64', 'added p50 c=1', 'c=16', 'c=64', 'stream TTFB+']
  const line = (label: string, cells: string[]) =>
    label.padEnd(12) + cells.map((c) => c.padStart(14)).join('')
  const out = ['', 'chat path, 2.4 KB fenced file; added = p50 minus direct p50', line('', header)]
  for (const name of names.filter((n) => n !== 'direct')) {
    out.push(
      line(name, [
        ...CONCURRENCIES.map((c) => rps(samples[name][`c${c}`]).toFixed(0)),
        ...CONCURRENCIES.map((c) => ms(added(name, `c${c}`, 'latencies'))),
        ms(added(name, 'stream', 'ttfb')),
      ]) + (errors(name) ? `   (${errors(name)} requests failed)` : ''),
    )
  }
  process.stdout.write(out.join('\n') + '\n')
}

await main()
