// Timing loop, quantiles, targets and the printed table of the classifier latency bench.
import { loadavg } from 'node:os'

export interface CellBudget {
  /** Untimed calls first for this long (the JIT); 0 for none, where one call costs seconds. */
  warmupMs: number
  /** Timed calls: at least `min`, then more until `max` calls or `maxMs`, whichever comes first. */
  min: number
  max: number
  maxMs: number
}

export interface Cell {
  engine: string
  tokens: number
  chars: number
  n: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  /** Median process CPU time per call: about the wall time on idle cores, whatever the load. */
  cpuP50Ms: number
  meanMs: number
  maxMs: number
  /** Process CPU time / wall time while timing: ~threads when the cores were ours alone. */
  cpuShare: number
  /** 1-minute load average when the cell ended: how busy the shared cores were. */
  load1m: number
}

export interface Timed {
  samples: number[]
  /** Process CPU time of each timed call, in ms. */
  cpuSamples: number[]
  cpuShare: number
}

export interface Target {
  engine: string
  /** The prompt sizes it applies to. */
  tokens: readonly number[]
  /** p50 must stay under this. */
  underMs: number
  label: string
}

export interface TargetResult extends Target {
  pass: boolean
  measuredMs: number[]
}

/** Nearest-rank quantile of unsorted samples. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]
}

/** Runs `call` under the budget; returns each timed call's duration in ms and the CPU share. */
export async function timeCalls(budget: CellBudget, call: () => Promise<unknown>): Promise<Timed> {
  const warmupEnd = performance.now() + budget.warmupMs
  while (performance.now() < warmupEnd) await call()
  const samples: number[] = []
  const cpuSamples: number[] = []
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  while (
    samples.length < budget.max &&
    (samples.length < budget.min || performance.now() - start < budget.maxMs)
  ) {
    const c = process.cpuUsage()
    const t = performance.now()
    await call()
    samples.push(performance.now() - t)
    const used = process.cpuUsage(c)
    cpuSamples.push((used.user + used.system) / 1000)
  }
  const cpu = process.cpuUsage(cpuBefore)
  const wallMicros = (performance.now() - start) * 1000
  return { samples, cpuSamples, cpuShare: (cpu.user + cpu.system) / wallMicros }
}

export function summarizeCell(
  engine: string,
  tokens: number,
  chars: number,
  { samples, cpuSamples, cpuShare }: Timed,
): Cell {
  const round = (n: number) => Number(n.toFixed(4))
  return {
    engine,
    tokens,
    chars,
    n: samples.length,
    p50Ms: round(quantile(samples, 0.5)),
    p95Ms: round(quantile(samples, 0.95)),
    p99Ms: round(quantile(samples, 0.99)),
    cpuP50Ms: round(quantile(cpuSamples, 0.5)),
    meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
    maxMs: round(Math.max(...samples)),
    cpuShare: Number(cpuShare.toFixed(2)),
    load1m: Number(loadavg()[0].toFixed(2)),
  }
}

export function checkTargets(targets: Target[], cells: Cell[]): TargetResult[] {
  return targets.map((target) => {
    const measuredMs = cells
      .filter((c) => c.engine === target.engine && target.tokens.includes(c.tokens))
      .map((c) => c.p50Ms)
    const pass = measuredMs.length > 0 && measuredMs.every((ms) => ms < target.underMs)
    return { ...target, pass, measuredMs }
  })
}

const pad = (s: string, n: number) => s.padEnd(n)
const padLeft = (s: string, n: number) => s.padStart(n)

function ms(n: number): string {
  if (n < 1) return n.toFixed(3)
  if (n < 100) return n.toFixed(1)
  return n.toFixed(0)
}

/** The engine × prompt size table, with the target mark on the cells a target covers. */
export function printTable(cells: Cell[], targets: TargetResult[]): void {
  console.log(
    pad('engine', 22) +
      padLeft('tokens', 7) +
      padLeft('chars', 7) +
      padLeft('n', 6) +
      padLeft('p50 ms', 10) +
      padLeft('p95 ms', 10) +
      padLeft('p99 ms', 10) +
      padLeft('cpu', 6) +
      padLeft('cpu ms', 9) +
      padLeft('load', 7) +
      '   target (p50)',
  )
  for (const c of cells) {
    const target = targets.find((t) => t.engine === c.engine && t.tokens.includes(c.tokens))
    const mark = target
      ? `< ${target.underMs} ms ${c.p50Ms < target.underMs ? 'PASS' : 'FAIL'}`
      : ''
    console.log(
      pad(c.engine, 22) +
        padLeft(String(c.tokens), 7) +
        padLeft(String(c.chars), 7) +
        padLeft(String(c.n), 6) +
        padLeft(ms(c.p50Ms), 10) +
        padLeft(ms(c.p95Ms), 10) +
        padLeft(ms(c.p99Ms), 10) +
        padLeft(c.cpuShare.toFixed(2), 6) +
        padLeft(ms(c.cpuP50Ms), 9) +
        padLeft(c.load1m.toFixed(2), 7) +
        `   ${mark}`,
    )
  }
  console.log('\ntargets (2 cores)')
  for (const t of targets) {
    const measured = t.measuredMs.map(ms).join(' / ') || 'not measured'
    console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${pad(t.label, 46)} p50 ${measured} ms`)
  }
}
