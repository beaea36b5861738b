import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { Pool } from 'undici'
import { startChild } from './children.ts'
import { percentile, runLoad, type LoadResult } from './load.ts'
import { anthropicBodies, requestBodies } from './request-bodies.ts'

// Switchboard beside its peers, on the path each peer serves: the same requests sent straight to
// the fake OpenAI upstream, through the bare pass-through (the floor), through Switchboard and
// through the peer (pinned, installed from npm into a cache on first use), in alternating order
// within each round.
// - chat: OpenAI chat completions, beside Portkey's gateway.
// - anthropic: a Claude Code-shaped Messages body translated to the OpenAI upstream, beside
//   claude-code-router. The upstream and the floor take its bytes unparsed, as in bench:proxy.
// Prints the proxy overhead table of issue 15 for each: req/s and added p50 at c=1/16/64, and the
// added stream TTFB of sequential requests.
//
//   npm run bench:peers        ~4 min after the first install

const ROUNDS = 3
const SLOT_MS = 1_500
const WARMUP_MS = 2_000
const MAX_REQUESTS = 50_000
const CONCURRENCIES = [1, 16, 64] as const
const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'switchboard', 'peers')

interface Target {
  pool: Pool
  path: string
  bodies: { plain: string; stream: string }
  headers?: Record<string, string>
}
type Slot = 'c1' | 'c16' | 'c64' | 'stream'
type Samples = Record<Slot, LoadResult[]>

/** A peer program: the npm package it comes in and how to start it against the upstream. */
interface Peer {
  spec: string
  /** The script to run, inside the installed package. */
  entry: string
  args(port: number): string[]
  /** Writes what the peer reads at start (its config) and returns its environment. */
  prepare?(dir: string, port: number, upstreamUrl: string): NodeJS.ProcessEnv
}

const PORTKEY: Peer = {
  spec: '@portkey-ai/gateway@1.15.2',
  entry: 'build/start-server.js',
  args: (port) => [`--port=${port}`, '--headless'],
  prepare: () => ({ NODE_ENV: 'production' }),
}

const CLAUDE_CODE_ROUTER: Peer = {
  spec: '@musistudio/claude-code-router@2.0.0',
  entry: 'dist/cli.js',
  args: () => ['start'],
  // Its config lives under $HOME; a private home keeps the user's own config out of it.
  prepare(dir, port, upstreamUrl) {
    const home = join(dir, 'home')
    mkdirSync(join(home, '.claude', 'projects'), { recursive: true })
    mkdirSync(join(home, '.claude-code-router'), { recursive: true })
    const config = {
      PORT: port,
      HOST: '127.0.0.1',
      LOG: false,
      NON_INTERACTIVE_MODE: true,
      Providers: [
        {
          name: 'bench',
          api_base_url: `${upstreamUrl}/v1/chat/completions`,
          api_key: 'sk-bench-0000',
          models: ['gpt-4o-mini'],
        },
      ],
      Router: { default: 'bench,gpt-4o-mini' },
    }
    writeFileSync(join(home, '.claude-code-router', 'config.json'), JSON.stringify(config))
    return { HOME: home, CI: 'true' }
  },
}

/** Installs the pinned peer into the cache once; returns its directory and entry script. */
function install(peer: Peer): { dir: string; entry: string } {
  const dir = join(CACHE, peer.spec.replace(/[@/]/g, '_'))
  const name = peer.spec.slice(0, peer.spec.lastIndexOf('@'))
  const entry = join(dir, 'node_modules', name, peer.entry)
  if (existsSync(entry)) return { dir, entry }
  mkdirSync(dir, { recursive: true })
  process.stdout.write(`installing ${peer.spec} into ${dir}\n`)
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', dir, '--no-audit', '--no-fund', '--silent', peer.spec],
    { stdio: 'inherit', timeout: 300_000 },
  )
  if (npm.status !== 0 || !existsSync(entry)) throw new Error(`could not install ${peer.spec}`)
  return { dir, entry }
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

/** Starts an installed peer on a free loopback port and waits (up to 30 s) until it answers HTTP. */
async function startPeer(
  peer: Peer,
  upstreamUrl: string,
): Promise<{ url: string; child: ChildProcess }> {
  const { dir, entry } = install(peer)
  const port = await freePort()
  const env = { ...process.env, ...peer.prepare?.(dir, port, upstreamUrl) }
  const child = spawn(process.execPath, [entry, ...peer.args(port)], { env, stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  const deadline = performance.now() + 30_000
  while (performance.now() < deadline) {
    const up = await fetch(url).then(
      () => true,
      () => false,
    )
    if (up) return { url, child }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill()
  throw new Error(`${peer.spec} did not start in 30 s`)
}

async function main(): Promise<void> {
  const upstream = await startChild('upstream')
  const [floor, switchboard] = await Promise.all([
    startChild('bare', upstream.url),
    startChild('switchboard', upstream.url),
  ])
  const [portkey, router] = await Promise.all([
    startPeer(PORTKEY, upstream.url),
    startPeer(CLAUDE_CODE_ROUTER, upstream.url),
  ])
  const pool = (url: string) => new Pool(url, { connections: 64, keepAliveTimeout: 30_000 })
  const pools = {
    direct: pool(upstream.url),
    floor: pool(floor.url),
    switchboard: pool(new URL(switchboard.url).origin),
    portkey: pool(portkey.url),
    router: pool(router.url),
  }
  // Each path: direct to the upstream, the floor, Switchboard and the peer, with the same bodies.
  const section = (
    bodies: Target['bodies'],
    mux: string,
    peer: string,
    at: Omit<Target, 'bodies'>,
  ) => ({
    direct: { pool: pools.direct, path: '/v1/chat/completions', bodies },
    floor: { pool: pools.floor, path: '/v1/chat/completions', bodies },
    switchboard: { pool: pools.switchboard, path: mux, bodies },
    [peer]: { ...at, bodies },
  })
  const sections: Record<string, Record<string, Target>> = {
    'chat path, 2.4 KB fenced file': section(
      requestBodies(2.4),
      '/v1/mux/chat/completions',
      PORTKEY.spec,
      {
        pool: pools.portkey,
        path: '/v1/chat/completions',
        headers: {
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': `${upstream.url}/v1`,
          authorization: 'Bearer sk-bench-0000',
        },
      },
    ),
    'Anthropic path to the OpenAI upstream, Claude Code-shaped body with a 2.4 KB file': section(
      anthropicBodies(2.4),
      '/v1/mux/v1/messages',
      CLAUDE_CODE_ROUTER.spec,
      {
        pool: pools.router,
        path: '/v1/messages',
        headers: { 'x-api-key': 'sk-bench-0000', 'anthropic-version': '2023-06-01' },
      },
    ),
  }
  const load = (t: Target, slot: Slot, ms: number) =>
    runLoad({
      ...t,
      body: slot === 'stream' ? t.bodies.stream : t.bodies.plain,
      concurrency: slot === 'stream' ? 1 : Number(slot.slice(1)),
      maxRequests: MAX_REQUESTS,
      maxMs: ms,
    })
  try {
    for (const [title, targets] of Object.entries(sections)) {
      const names = Object.keys(targets)
      const samples: Record<string, Samples> = Object.fromEntries(
        names.map((n) => [n, { c1: [], c16: [], c64: [], stream: [] }]),
      )
      for (const name of names) {
        const check = await load(targets[name]!, 'c1', 300)
        if (check.errors > 0 || check.requests === 0)
          throw new Error(`${name} failed ${check.errors} of its first requests`)
        await load(targets[name]!, 'c16', WARMUP_MS)
        await load(targets[name]!, 'stream', WARMUP_MS / 2)
      }
      const slots: Slot[] = [...CONCURRENCIES.map((c) => `c${c}` as Slot), 'stream']
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, slot] of slots.entries()) {
          // Rotate who goes first, so no variant always runs right after another's load.
          const order = names.map((_, k) => names[(k + round + i) % names.length]!)
          for (const name of order)
            samples[name]![slot].push(await load(targets[name]!, slot, SLOT_MS))
        }
        process.stdout.write(`${title}: round ${round + 1}/${ROUNDS} done\n`)
      }
      report(title, samples)
    }
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.close()))
    portkey.child.kill()
    router.child.kill()
    await Promise.all([floor.close(), switchboard.close()])
    await upstream.close()
  }
}

function report(title: string, samples: Record<string, Samples>): void {
  const rps = (rs: LoadResult[]) =>
    (rs.reduce((n, r) => n + r.requests, 0) / rs.reduce((n, r) => n + r.elapsedMs, 0)) * 1000
  const p50 = (rs: LoadResult[], key: 'latencies' | 'ttfb') =>
    percentile(
      rs.flatMap((r) => r[key]),
      50,
    )
  const added = (name: string, slot: Slot, key: 'latencies' | 'ttfb') =>
    p50(samples[name]![slot], key) - p50(samples.direct![slot], key)
  const errors = (name: string) =>
    Object.values(samples[name]!)
      .flat()
      .reduce((n, r) => n + r.errors, 0)
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} ms` : 'failed')
  const header = ['req/s c=1', 'c=16', 'c=64', 'added p50 c=1', 'c=16', 'c=64', 'stream TTFB+']
  const line = (label: string, cells: string[]) =>
    label.padEnd(38) + cells.map((c) => c.padStart(14)).join('')
  const out = ['', `${title}; added = p50 minus direct p50`, line('', header)]
  for (const name of Object.keys(samples).filter((n) => n !== 'direct')) {
    out.push(
      line(name, [
        ...CONCURRENCIES.map((c) => rps(samples[name]![`c${c}`]).toFixed(0)),
        ...CONCURRENCIES.map((c) => ms(added(name, `c${c}`, 'latencies'))),
        ms(added(name, 'stream', 'ttfb')),
      ]) + (errors(name) ? `   (${errors(name)} requests failed)` : ''),
    )
  }
  process.stdout.write(out.join('\n') + '\n\n')
}

await main()
