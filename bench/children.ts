import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FromChild, Role, ToChild } from './bench-server.ts'

const ENTRY = fileURLToPath(new URL('./bench-server.ts', import.meta.url))
const START_TIMEOUT_MS = 30_000
const EXIT_TIMEOUT_MS = 10_000
// Every server runs with the Node flags `npm run serve` gives Switchboard (its young generation's
// size among them), so the proxies are measured as they run, the floor under the same runtime.
const SERVE_FLAGS: string[] =
  (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: { serve: string }
    }
  ).scripts.serve.match(/(?<=^node\s+(?:--\S+\s+)*)--\S+/g) ?? []

export interface BenchChild {
  url: string
  /** CPU time the child has used so far, in microseconds (user + system). */
  cpuMicros(): Promise<number>
  /** The child's memory after a full collection, in bytes. */
  memory(): Promise<{ rss: number; heapUsed: number; external: number }>
  close(): Promise<void>
}

function next(child: ChildProcess, type: FromChild['type'], ms: number): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no "${type}" from the child in ${ms} ms`)), ms)
    const onMessage = (m: FromChild) => {
      if (m.type === type) done(null, m)
      else if (m.type === 'error') done(new Error(m.message))
    }
    const onExit = (code: number | null) => done(new Error(`the child exited (${code})`))
    function done(err: Error | null, m?: FromChild) {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (err) reject(err)
      else resolve(m!)
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

/**
 * Forks one bench server (this process's Node flags, so --cpu-prof profiles it too, and serve's)
 * and waits for its URL.
 */
export async function startChild(role: Role, upstreamUrl = ''): Promise<BenchChild> {
  const execArgv = [...new Set([...process.execArgv, ...SERVE_FLAGS])]
  const child = fork(ENTRY, [role, upstreamUrl], { stdio: 'inherit', execArgv })
  const send = (m: ToChild) => child.send(m)
  const ready = await next(child, 'ready', START_TIMEOUT_MS).catch((err: Error) => {
    child.kill()
    throw new Error(`${role} did not start: ${err.message}`)
  })
  return {
    url: (ready as Extract<FromChild, { type: 'ready' }>).url,
    async cpuMicros() {
      const reply = next(child, 'cpu', 5_000)
      send({ type: 'cpu' })
      const m = (await reply) as Extract<FromChild, { type: 'cpu' }>
      return m.user + m.system
    },
    async memory() {
      const reply = next(child, 'memory', 10_000)
      send({ type: 'memory' })
      const { rss, heapUsed, external } = (await reply) as Extract<FromChild, { type: 'memory' }>
      return { rss, heapUsed, external }
    },
    async close() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      send({ type: 'close' })
      const timer = setTimeout(() => child.kill(), EXIT_TIMEOUT_MS)
      await exited
      clearTimeout(timer)
    },
  }
}
