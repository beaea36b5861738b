import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { Pool } from 'undici'
import { startChild, type BenchChild } from './children.ts'
import { runLoad, type LoadResult } from './load.ts'
import { anthropicBodies, requestBodies, responsesBodies } from './request-bodies.ts'
import {
  formatMeta,
  printRatioSummary,
  printReport,
  summarize,
  type Samples,
  type Slot,
  type Variant,
} from './report.ts'

// Proxy overhead on loopback: the same requests sent straight to a fast fake OpenAI upstream,
// through a bare node:http pass-through (the floor), and through a real Switchboard core, for
// three inbound paths: OpenAI chat, a Claude Code turn (Anthropic Messages, translated to the
// OpenAI upstream and back) and a Codex turn (Responses, translated to chat and back). Each
// path's floor passes the same bytes through. Variants run in alternating order within each
// round so machine noise hits all of them alike. Then a bounded soak at c=32 across the three
// paths, with Switchboard's RSS before and after, and the same soak of the floor after it.
// BENCH_QUICK=1 runs one short round (~40 s) as a smoke test; BENCH_FILE_KB=64 sends a bigger
// fenced file than the default ~2.4 KB, to see how the cost grows with the prompt;
// BENCH_SOAK_S sets the soak's length (60 s; 10 s when quick; 0 skips it).

const QUICK = process.env.BENCH_QUICK === '1'
const ROUNDS = QUICK ? 1 : 5
const SLOT_MS = QUICK ? 700 : 1_500
const WARMUP_MS = QUICK ? 700 : 2_000
const SOAK_S = Number(process.env.BENCH_SOAK_S ?? (QUICK ? 10 : 60))
const SOAK_CONCURRENCY = 32
// The time cap is what binds on a small machine; the count only bounds a very fast one.
const MAX_REQUESTS = 50_000
const SOAK_MAX_REQUESTS = 2_000_000
const CONCURRENCIES = [1, 16, 64] as const
const VARIANTS: Variant[] = ['direct', 'bare', 'switchboard']
const DEFAULT_FILE_KB = 2.4
const FILE_KB = Number(process.env.BENCH_FILE_KB ?? DEFAULT_FILE_KB)
// Only the standard full run replaces proxy-latest.json, the file notes quote.
const RESULTS = new URL(
  QUICK || FILE_KB !== DEFAULT_FILE_KB
    ? './results/proxy-other.json'
    : './results/proxy-latest.json',
  import.meta.url,
)

/** One inbound dialect: its bodies and where Switchboard takes them. */
const PATHS = {
  chat: { mux: '/v1/mux/chat/completions', bodies: requestBodies(FILE_KB) },
  'anthropic->chat': { mux: '/v1/mux/v1/messages', bodies: anthropicBodies(FILE_KB) },
  'responses->chat': { mux: '/v1/mux/responses', bodies: responsesBodies(FILE_KB) },
}
type PathName = keyof typeof PATHS
const PATH_NAMES = Object.keys(PATHS) as PathName[]
// The upstream and the floor take every path's bytes on the one route; the upstream does not parse.
const UPSTREAM_PATH = '/v1/chat/completions'

interface Target {
  pool: Pool
  path: string
  proxy: BenchChild | null
}

async function measure(t: Target, concurrency: number, body: string, ms: number) {
  const cpuBefore = t.proxy ? await t.proxy.cpuMicros() : 0
  const result = await runLoad({
    pool: t.pool,
    path: t.path,
    body,
    concurrency,
    maxRequests: MAX_REQUESTS,
    maxMs: ms,
  })
  const cpu = t.proxy ? (await t.proxy.cpuMicros()) - cpuBefore : 0
  return { result, cpu }
}

function add(into: Slot, r: LoadResult, cpu: number): void {
  into.requests += r.requests
  into.errors += r.errors
  into.elapsedMs += r.elapsedMs
  into.cpuMicros += cpu
  into.latencies.push(...r.latencies)
  into.ttfb.push(...r.ttfb)
  into.roundRps.push((r.requests / r.elapsedMs) * 1000)
}

/** One request through each target, so a broken setup fails loudly instead of measuring errors. */
async function check(name: Variant, t: Target, body: string): Promise<void> {
  const res = await t.pool.request({
    path: t.path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
  const text = await res.body.text()
  if (res.statusCode !== 200 || !text.includes('bench upstream'))
    throw new Error(`${name} answered ${res.statusCode}: ${text.slice(0, 300)}`)
  if (name === 'switchboard' && res.headers['x-switchboard-rule'] !== 'catch-all')
    throw new Error(`switchboard routed by ${String(res.headers['x-switchboard-rule'])}`)
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

/** A bounded soak: the three paths at once for `seconds`, the proxy's RSS before and after. */
async function soak(t: (path: PathName) => Target, proxy: BenchChild, seconds: number) {
  const idle = await proxy.memory()
  // c=32 split over the paths (11, 11, 10); the middle one streams.
  const share = (i: number) =>
    Math.floor(SOAK_CONCURRENCY / PATH_NAMES.length) +
    (i < SOAK_CONCURRENCY % PATH_NAMES.length ? 1 : 0)
  const results = await Promise.all(
    PATH_NAMES.map((name, i) =>
      runLoad({
        ...t(name),
        body: i % 2 ? PATHS[name].bodies.stream : PATHS[name].bodies.plain,
        concurrency: share(i),
        maxRequests: SOAK_MAX_REQUESTS,
        maxMs: seconds * 1000,
      }),
    ),
  )
  const after = await proxy.memory()
  return {
    seconds,
    concurrency: SOAK_CONCURRENCY,
    requests: results.reduce((n, r) => n + r.requests, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    rssIdleMb: mb(idle.rss),
    rssAfterMb: mb(after.rss),
    heapAfterMb: mb(after.heapUsed),
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now()
  const loadBefore = loadavg()
    .map((n) => n.toFixed(2))
    .join('/')
  const upstream = await startChild('upstream')
  const [bare, switchboard] = await Promise.all([
    startChild('bare', upstream.url),
    startChild('switchboard', upstream.url),
  ])
  const rssStartMb = mb((await switchboard.memory()).rss)
  const pools = {
    direct: new Pool(upstream.url, { connections: 64, keepAliveTimeout: 30_000 }),
    bare: new Pool(bare.url, { connections: 64, keepAliveTimeout: 30_000 }),
    switchboard: new Pool(new URL(switchboard.url).origin, {
      connections: 64,
      keepAliveTimeout: 30_000,
    }),
  }
  const targetsOf = (name: PathName): Record<Variant, Target> => ({
    direct: { pool: pools.direct, path: UPSTREAM_PATH, proxy: null },
    bare: { pool: pools.bare, path: UPSTREAM_PATH, proxy: bare },
    switchboard: { pool: pools.switchboard, path: PATHS[name].mux, proxy: switchboard },
  })
  try {
    for (const name of PATH_NAMES) {
      const targets = targetsOf(name)
      for (const v of VARIANTS) await check(v, targets[v], PATHS[name].bodies.plain)
      for (const v of VARIANTS) {
        await runLoad({
          ...targets[v],
          body: PATHS[name].bodies.plain,
          concurrency: 16,
          maxRequests: MAX_REQUESTS,
          maxMs: WARMUP_MS,
        })
        await runLoad({
          ...targets[v],
          body: PATHS[name].bodies.stream,
          concurrency: 1,
          maxRequests: MAX_REQUESTS,
          maxMs: WARMUP_MS / 2,
        })
      }
    }

    const empty = (): Slot => ({
      requests: 0,
      errors: 0,
      elapsedMs: 0,
      cpuMicros: 0,
      latencies: [],
      ttfb: [],
      roundRps: [],
    })
    const samples = {} as Record<PathName, Samples>
    for (const name of PATH_NAMES) {
      samples[name] = {} as Samples
      for (const v of VARIANTS)
        samples[name][v] = { c1: empty(), c16: empty(), c64: empty(), stream: empty() }
    }
    const slots = PATH_NAMES.flatMap((name) => [
      ...CONCURRENCIES.map((c) => ({
        name,
        key: `c${c}` as const,
        c,
        body: PATHS[name].bodies.plain,
      })),
      { name, key: 'stream' as const, c: 1, body: PATHS[name].bodies.stream },
    ])
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, slot] of slots.entries()) {
        // Rotate who goes first, so no variant always runs right after another's load.
        const order = VARIANTS.map((_, k) => VARIANTS[(k + round + i) % VARIANTS.length]!)
        const targets = targetsOf(slot.name)
        for (const v of order) {
          const { result, cpu } = await measure(targets[v], slot.c, slot.body, SLOT_MS)
          add(samples[slot.name][v][slot.key], result, cpu)
        }
      }
      process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`)
    }
    const rssAfterRoundsMb = mb((await switchboard.memory()).rss)
    // The floor soaks the same way after it: how much of the RSS is Node's own under this load.
    const soaked =
      SOAK_S > 0 ? await soak((name) => targetsOf(name).switchboard, switchboard, SOAK_S) : null
    const floorSoaked = SOAK_S > 0 ? await soak((name) => targetsOf(name).bare, bare, SOAK_S) : null

    const summaries = Object.fromEntries(
      PATH_NAMES.map((name) => [name, summarize(samples[name])]),
    ) as Record<PathName, ReturnType<typeof summarize>>
    const meta = {
      at: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      load: `${loadBefore}->${loadavg()
        .map((n) => n.toFixed(2))
        .join('/')}`,
      quick: QUICK,
      rounds: ROUNDS,
      slotMs: SLOT_MS,
      fileKb: FILE_KB,
      requestBytes: PATH_NAMES.map((n) => Buffer.byteLength(PATHS[n].bodies.plain)).join('/'),
      wallSeconds: Math.round((performance.now() - startedAt) / 1000),
    }
    process.stdout.write('\n' + formatMeta(meta) + '\n')
    for (const name of PATH_NAMES) printReport(`path: ${name}`, summaries[name])
    printRatioSummary(summaries)
    const memory = { rssStartMb, rssAfterRoundsMb, soak: soaked, floorSoak: floorSoaked }
    process.stdout.write(
      `\nSwitchboard RSS: ${rssStartMb} MB after start, ${rssAfterRoundsMb} MB after the rounds` +
        (soaked
          ? `, ${soaked.rssIdleMb} MB before and ${soaked.rssAfterMb} MB after a ${soaked.seconds} s soak at c=${soaked.concurrency} (${soaked.requests} requests, ${soaked.errors} errors): ${soaked.rssAfterMb <= 200 ? 'PASS' : 'MISS'} (target <= 200 MB)`
          : '') +
        (floorSoaked
          ? `\nFloor RSS, the same soak after it: ${floorSoaked.rssIdleMb} MB before, ${floorSoaked.rssAfterMb} MB after (${floorSoaked.requests} requests); Switchboard / floor after the soak = ${(soaked!.rssAfterMb / floorSoaked.rssAfterMb).toFixed(2)}`
          : '') +
        '\n',
    )
    mkdirSync(new URL('./', RESULTS), { recursive: true })
    writeFileSync(RESULTS, JSON.stringify({ meta, paths: summaries, memory }, null, 2) + '\n')
    process.stdout.write(`\nwrote ${RESULTS.pathname}\n`)
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.close()))
    await Promise.all([bare.close(), switchboard.close()])
    await upstream.close()
  }
}

await main()
