import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Pool } from 'undici'
import { startChild, type BenchChild } from './children.ts'
import { runLoad, type LoadResult } from './load.ts'
import { requestBodies } from './request-bodies.ts'
import { printReport, summarize, type Samples, type Slot, type Variant } from './report.ts'

// Proxy overhead on loopback: the same requests sent straight to a fast fake OpenAI upstream,
// through a bare node:http pass-through (the floor), and through a real Switchboard core.
// Variants run in alternating order within each round so machine noise hits all of them alike.
// BENCH_QUICK=1 runs one short round (~15 s) as a smoke test; BENCH_FILE_KB=64 sends a bigger
// fenced file than the default ~2.4 KB, to see how the cost grows with the prompt.

const QUICK = process.env.BENCH_QUICK === '1'
const ROUNDS = QUICK ? 1 : 5
const SLOT_MS = QUICK ? 700 : 1_500
const WARMUP_MS = QUICK ? 700 : 2_000
// The time cap is what binds on a small machine; the count only bounds a very fast one.
const MAX_REQUESTS = 50_000
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

const { plain: plainBody, stream: streamBody } = requestBodies(FILE_KB)

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
async function check(name: Variant, t: Target): Promise<void> {
  const res = await t.pool.request({
    path: t.path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: plainBody,
  })
  const text = await res.body.text()
  if (res.statusCode !== 200 || !text.includes('bench upstream'))
    throw new Error(`${name} answered ${res.statusCode}: ${text.slice(0, 300)}`)
  if (name === 'switchboard' && res.headers['x-switchboard-rule'] !== 'catch-all')
    throw new Error(`switchboard routed by ${String(res.headers['x-switchboard-rule'])}`)
}

async function main(): Promise<void> {
  const startedAt = performance.now()
  const upstream = await startChild('upstream')
  const [bare, switchboard] = await Promise.all([
    startChild('bare', upstream.url),
    startChild('switchboard', upstream.url),
  ])
  const pool = (url: string) => new Pool(url, { connections: 64, keepAliveTimeout: 30_000 })
  const targets: Record<Variant, Target> = {
    direct: { pool: pool(upstream.url), path: '/v1/chat/completions', proxy: null },
    bare: { pool: pool(bare.url), path: '/v1/chat/completions', proxy: bare },
    switchboard: {
      pool: pool(new URL(switchboard.url).origin),
      path: '/v1/mux/chat/completions',
      proxy: switchboard,
    },
  }
  try {
    for (const v of VARIANTS) await check(v, targets[v])
    for (const v of VARIANTS) {
      await runLoad({
        ...targets[v],
        body: plainBody,
        concurrency: 16,
        maxRequests: MAX_REQUESTS,
        maxMs: WARMUP_MS,
      })
      await runLoad({
        ...targets[v],
        body: streamBody,
        concurrency: 1,
        maxRequests: MAX_REQUESTS,
        maxMs: WARMUP_MS / 2,
      })
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
    const samples = {} as Samples
    for (const v of VARIANTS)
      samples[v] = { c1: empty(), c16: empty(), c64: empty(), stream: empty() }
    const slots = [
      ...CONCURRENCIES.map((c) => ({ key: `c${c}` as const, c, body: plainBody })),
      { key: 'stream' as const, c: 1, body: streamBody },
    ]
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, slot] of slots.entries()) {
        // Rotate who goes first, so no variant always runs right after another's load.
        const order = VARIANTS.map((_, k) => VARIANTS[(k + round + i) % VARIANTS.length]!)
        for (const v of order) {
          const { result, cpu } = await measure(targets[v], slot.c, slot.body, SLOT_MS)
          add(samples[v][slot.key], result, cpu)
        }
      }
      process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`)
    }

    const summary = summarize(samples)
    const meta = {
      at: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      quick: QUICK,
      rounds: ROUNDS,
      slotMs: SLOT_MS,
      fileKb: FILE_KB,
      requestBytes: Buffer.byteLength(plainBody),
      wallSeconds: Math.round((performance.now() - startedAt) / 1000),
    }
    printReport(meta, summary)
    mkdirSync(new URL('./', RESULTS), { recursive: true })
    writeFileSync(RESULTS, JSON.stringify({ meta, ...summary }, null, 2) + '\n')
    process.stdout.write(`\nwrote ${RESULTS.pathname}\n`)
  } finally {
    await Promise.all(Object.values(targets).map((t) => t.pool.close()))
    await Promise.all([bare.close(), switchboard.close()])
    await upstream.close()
  }
}

await main()
