import { startBareProxy } from './bare-proxy.ts'
import { startFakeOpenAIUpstream } from './fake-openai-upstream.ts'
import { startHeldStreamUpstream } from './held-stream-upstream.ts'
import { startSwitchboard } from './switchboard-under-test.ts'

// Child-process entry: each server gets its own process (and event loop), as in real use, so one
// server's work does not stall another's timers. Usage: bench-server.ts <role> [upstream-url].
// It reports its URL over IPC, answers CPU-usage queries, and exits when told or orphaned.

export type Role = 'upstream' | 'held-upstream' | 'bare' | 'switchboard'

export type ToChild = { type: 'cpu' } | { type: 'memory' } | { type: 'close' }
export type FromChild =
  | { type: 'ready'; url: string }
  | { type: 'cpu'; user: number; system: number }
  | { type: 'memory'; rss: number; heapUsed: number; external: number }
  | { type: 'error'; message: string }

const role = process.argv[2] as Role
const upstream = process.argv[3] ?? ''
const send = (m: FromChild) => process.send?.(m)

async function start() {
  if (role === 'upstream') return startFakeOpenAIUpstream()
  if (role === 'held-upstream') return startHeldStreamUpstream()
  if (role === 'bare') return startBareProxy(upstream)
  if (role === 'switchboard') return startSwitchboard(upstream)
  throw new Error(`unknown role ${role}`)
}

/** Memory after a full collection when the process runs with --expose-gc (the bench script does). */
function memoryAfterGc(): { rss: number; heapUsed: number; external: number } {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  const { rss, heapUsed, external } = process.memoryUsage()
  return { rss, heapUsed, external }
}

try {
  const server = await start()
  const stop = async () => {
    await server.close()
    // process.exit (not a natural end) so --cpu-prof writes its profile even with timers pending.
    process.exit(0)
  }
  process.on('message', (m: ToChild) => {
    if (m.type === 'cpu') send({ type: 'cpu', ...process.cpuUsage() })
    if (m.type === 'memory') send({ type: 'memory', ...memoryAfterGc() })
    if (m.type === 'close') void stop()
  })
  process.on('disconnect', () => void stop())
  send({ type: 'ready', url: server.url })
} catch (err) {
  send({ type: 'error', message: (err as Error).stack ?? String(err) })
  process.exit(1)
}
