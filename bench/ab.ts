import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { Pool } from 'undici'
import { startChild, type BenchChild } from './children.ts'
import { runLoad } from './load.ts'
import { anthropicBodies, requestBodies, responsesBodies } from './request-bodies.ts'

// CPU per proxied request of this checkout's Switchboard against another checkout's (a git
// worktree at an older commit, say), with the bare pass-through beside them. For telling whether
// a hot-path change helps: on a small shared machine one proxy's CPU per request swings ±30% from
// round to round, so the proxies run pinned to one core (the load and the upstream on the other)
// in many short alternating rounds, and the report is the median of each round's ratio.
// Usage: npm run bench:ab -- <other checkout> [chat|anthropic|responses ...]
// AB_ROUNDS (8) and AB_SLOT_MS (600) set the rounds and their length. AB_BODY=<file> sends that
// JSON body instead of the bench's own (a request captured from a real client: name the path of
// its dialect).

const ROUNDS = Number(process.env.AB_ROUNDS ?? 8)
const SLOT_MS = Number(process.env.AB_SLOT_MS ?? 600)
// JIT compilation shares the proxies' core: a proxy needs several seconds of load to settle, and
// a short unmeasured run before each round brings its caches back after the others ran.
const WARMUP_MS = 6_000
const REWARM_MS = 300
const CONCURRENCY = 16
const MAX_REQUESTS = 1_000_000
const UPSTREAM_PATH = '/v1/chat/completions'

const [otherDir, ...pathArgs] = process.argv.slice(2)
if (!otherDir || !existsSync(resolve(otherDir, 'bench/children.ts'))) {
  console.error('usage: npm run bench:ab -- <other checkout> [chat|anthropic|responses ...]')
  process.exit(2)
}

const PATHS = {
  chat: { mux: '/v1/mux/chat/completions', body: requestBodies(2.4).plain },
  anthropic: { mux: '/v1/mux/v1/messages', body: anthropicBodies(2.4).plain },
  responses: { mux: '/v1/mux/responses', body: responsesBodies(2.4).plain },
}
type PathName = keyof typeof PATHS
const paths = (pathArgs.length ? pathArgs : ['chat']) as PathName[]
const BODY = process.env.AB_BODY ? readFileSync(process.env.AB_BODY, 'utf8') : undefined

/**
 * Pins this process's threads to one CPU, which the processes it starts next inherit; false
 * where taskset or a second CPU is missing.
 */
const CPUS = availableParallelism() // read before pinning: it follows this process's affinity
function pinTo(cpu: number): boolean {
  if (CPUS < 2) return false
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], {
      stdio: 'ignore',
    })
    return true
  } catch {
    return false
  }
}

const other = (await import(resolve(otherDir, 'bench/children.ts'))) as {
  startChild: typeof startChild
}
// The upstream and this process (the load) share CPU 0; the proxies, started while this process
// sits on CPU 1, inherit CPU 1.
let pinned = pinTo(0)
const upstream = await startChild('upstream')
pinned &&= pinTo(1)
const proxies: Record<string, BenchChild> = {
  floor: await startChild('bare', upstream.url),
  this: await startChild('switchboard', upstream.url),
  other: await other.startChild('switchboard', upstream.url),
}
pinned &&= pinTo(0)
console.log(
  pinned
    ? 'pinned: proxies on CPU 1, load and upstream on CPU 0'
    : 'not pinned (taskset or a second CPU missing): expect noisier rounds',
)

async function cpuPerRequest(name: string, path: PathName, ms: number): Promise<number> {
  const proxy = proxies[name]!
  const pool = new Pool(new URL(proxy.url).origin, { connections: CONCURRENCY })
  const before = await proxy.cpuMicros()
  const load = await runLoad({
    pool,
    path: name === 'floor' ? UPSTREAM_PATH : PATHS[path].mux,
    body: BODY ?? PATHS[path].body,
    concurrency: CONCURRENCY,
    maxRequests: MAX_REQUESTS,
    maxMs: ms,
  })
  const cpu = (await proxy.cpuMicros()) - before
  await pool.close()
  if (load.errors > 0) throw new Error(`${name} answered ${load.errors} requests with an error`)
  return cpu / load.requests
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!
const names = Object.keys(proxies)
try {
  for (const path of paths) {
    for (const name of names) await cpuPerRequest(name, path, WARMUP_MS)
    const rounds: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
    for (let round = 0; round < ROUNDS; round++)
      for (const name of names) {
        await cpuPerRequest(name, path, REWARM_MS)
        rounds[name]!.push(await cpuPerRequest(name, path, SLOT_MS))
      }
    const ratio = (a: string, b: string) =>
      median(rounds[a]!.map((x, i) => x / rounds[b]![i]!)).toFixed(3)
    console.log(`\n${path}: CPU µs per request, ${ROUNDS} rounds (median)`)
    for (const name of names)
      console.log(
        `  ${name.padEnd(6)} ${median(rounds[name]!).toFixed(0).padStart(5)}   ${rounds[name]!.map((x) => x.toFixed(0)).join(' ')}`,
      )
    console.log(`  this / other ${ratio('this', 'other')}   (below 1: this checkout is cheaper)`)
    console.log(
      `  this / floor ${ratio('this', 'floor')}   other / floor ${ratio('other', 'floor')}`,
    )
  }
} finally {
  await Promise.all([...Object.values(proxies).map((p) => p.close()), upstream.close()])
}
