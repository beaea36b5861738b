import { Pool, type Dispatcher } from 'undici'
import { startChild, type BenchChild } from './children.ts'
import { requestBodies } from './request-bodies.ts'

// Memory per open stream: hundreds of streaming chat requests held open at once through a bare
// node:http pass-through and through a real Switchboard core, each in its own process, against
// an upstream that sends a first chunk and then holds. The proxies' memory is read after a full
// collection before and while the streams are open; the difference per stream is printed for
// both, with the ratio. Run with `npm run bench:streams` (it passes --expose-gc).
// BENCH_STREAMS=200 changes the number of streams; BENCH_FILE_KB=64 sends a bigger fenced file
// than the default ~2.4 KB, to see whether a proxy keeps the request body while it streams.

const STREAMS = Number(process.env.BENCH_STREAMS ?? 500)
const FILE_KB = Number(process.env.BENCH_FILE_KB ?? 2.4)
const ROUNDS = 3
const WARMUP_STREAMS = 50
const BATCH = 50
const OPEN_TIMEOUT_MS = 60_000

type Variant = 'bare' | 'switchboard'
interface PerStream {
  rssKb: number
  heapKb: number
}

const { stream: streamBody } = requestBodies(FILE_KB)

/** Opens `count` streams and waits until each has delivered its first chunk. */
async function openStreams(
  pool: Pool,
  path: string,
  count: number,
): Promise<Dispatcher.ResponseData[]> {
  const open: Dispatcher.ResponseData[] = []
  const deadline = performance.now() + OPEN_TIMEOUT_MS
  for (let i = 0; i < count; i += BATCH) {
    if (performance.now() > deadline) throw new Error(`opening ${count} streams took too long`)
    const batch = Array.from({ length: Math.min(BATCH, count - i) }, async () => {
      const response = await pool.request({
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: streamBody,
      })
      if (response.statusCode !== 200)
        throw new Error(`${path} answered ${response.statusCode}: ${await response.body.text()}`)
      await response.body[Symbol.asyncIterator]().next()
      return response
    })
    open.push(...(await Promise.all(batch)))
  }
  return open
}

function closeStreams(open: Dispatcher.ResponseData[]): void {
  for (const response of open) response.body.destroy()
}

async function measureOnce(proxy: BenchChild, path: string): Promise<PerStream> {
  const pool = new Pool(new URL(proxy.url).origin, { connections: STREAMS + BATCH })
  try {
    // Warm-up: connections, JIT and lazily built state belong to the baseline.
    closeStreams(await openStreams(pool, path, WARMUP_STREAMS))
    await new Promise((resolve) => setTimeout(resolve, 300))
    const before = await proxy.memory()
    const open = await openStreams(pool, path, STREAMS)
    const during = await proxy.memory()
    closeStreams(open)
    return {
      rssKb: (during.rss - before.rss) / STREAMS / 1024,
      heapKb:
        (during.heapUsed + during.external - before.heapUsed - before.external) / STREAMS / 1024,
    }
  } finally {
    await pool.destroy()
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc)
    console.warn('stream-memory: run with --expose-gc (npm run bench:streams) for stable numbers')
  const upstream = await startChild('held-upstream')
  const proxies: Record<Variant, BenchChild> = {
    bare: await startChild('bare', upstream.url),
    switchboard: await startChild('switchboard', upstream.url),
  }
  const paths: Record<Variant, string> = {
    bare: '/v1/chat/completions',
    switchboard: new URL(proxies.switchboard.url).pathname + '/chat/completions',
  }
  const samples: Record<Variant, PerStream[]> = { bare: [], switchboard: [] }
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating order, so drift on the machine hits both alike.
      const order: Variant[] = round % 2 ? ['switchboard', 'bare'] : ['bare', 'switchboard']
      for (const variant of order)
        samples[variant].push(await measureOnce(proxies[variant], paths[variant]))
    }
  } finally {
    await Promise.all([proxies.bare.close(), proxies.switchboard.close()])
    await upstream.close()
  }
  const result = (v: Variant) => ({
    rssKb: median(samples[v].map((s) => s.rssKb)),
    heapKb: median(samples[v].map((s) => s.heapKb)),
  })
  const bare = result('bare')
  const sb = result('switchboard')
  const row = (name: string, r: PerStream) =>
    `${name.padEnd(12)} ${r.rssKb.toFixed(1).padStart(10)} ${r.heapKb.toFixed(1).padStart(16)}`
  console.log(
    `\nMemory per open stream, ${STREAMS} streams held at once, ${FILE_KB} KB file in the prompt (median of ${ROUNDS})`,
  )
  console.log(`${'proxy'.padEnd(12)} ${'RSS KB'.padStart(10)} ${'heap+external KB'.padStart(16)}`)
  console.log(row('bare', bare))
  console.log(row('switchboard', sb))
  console.log(
    `ratio switchboard / bare: RSS ${(sb.rssKb / bare.rssKb).toFixed(2)}x, heap+external ${(sb.heapKb / bare.heapKb).toFixed(2)}x`,
  )
}

await main()
