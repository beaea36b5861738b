import { percentile } from './load.ts'

export type Variant = 'direct' | 'bare' | 'switchboard'

/** Everything one variant collected in one kind of slot, summed over the rounds. */
export interface Slot {
  requests: number
  errors: number
  elapsedMs: number
  /** CPU used by the proxy process during the slot (0 for direct). */
  cpuMicros: number
  latencies: number[]
  ttfb: number[]
  roundRps: number[]
}

export type Samples = Record<Variant, { c1: Slot; c16: Slot; c64: Slot; stream: Slot }>

export interface VariantSummary {
  rps: { c1: number; c16: number; c64: number }
  rpsPerRound: { c1: number[]; c16: number[]; c64: number[] }
  p50Ms: number
  p99Ms: number
  addedP50Ms: number | null
  /** Added p50 latency over the direct requests at each concurrency. */
  addedP50MsAt: { c1: number | null; c16: number | null; c64: number | null }
  addedP99Ms: number | null
  streamTtfbP50Ms: number
  streamTtfbP99Ms: number
  streamAddedTtfbP50Ms: number | null
  streamTotalP50Ms: number
  /** Proxy CPU per request under load (c16 and c64 slots), µs. */
  proxyCpuMicrosPerRequest: number | null
  requests: number
  errors: number
}

export interface Ratio {
  value: number
  target: string
  pass: boolean | null
}

const rps = (s: Slot) => (s.requests / s.elapsedMs) * 1000
const round = (n: number, digits = 3) => Number(n.toFixed(digits))

function variant(s: Samples[Variant], direct: Samples['direct'], isProxy: boolean): VariantSummary {
  const p50 = percentile(s.c1.latencies, 50)
  const added = (key: 'c1' | 'c16' | 'c64') =>
    isProxy ? round(percentile(s[key].latencies, 50) - percentile(direct[key].latencies, 50)) : null
  const ttfb50 = percentile(s.stream.ttfb, 50)
  const slots = [s.c1, s.c16, s.c64, s.stream]
  return {
    rps: { c1: round(rps(s.c1), 1), c16: round(rps(s.c16), 1), c64: round(rps(s.c64), 1) },
    rpsPerRound: {
      c1: s.c1.roundRps.map((n) => round(n, 1)),
      c16: s.c16.roundRps.map((n) => round(n, 1)),
      c64: s.c64.roundRps.map((n) => round(n, 1)),
    },
    p50Ms: round(p50),
    p99Ms: round(percentile(s.c1.latencies, 99)),
    addedP50Ms: isProxy ? round(p50 - percentile(direct.c1.latencies, 50)) : null,
    addedP50MsAt: { c1: added('c1'), c16: added('c16'), c64: added('c64') },
    addedP99Ms: isProxy
      ? round(percentile(s.c1.latencies, 99) - percentile(direct.c1.latencies, 99))
      : null,
    streamTtfbP50Ms: round(ttfb50),
    streamTtfbP99Ms: round(percentile(s.stream.ttfb, 99)),
    streamAddedTtfbP50Ms: isProxy ? round(ttfb50 - percentile(direct.stream.ttfb, 50)) : null,
    streamTotalP50Ms: round(percentile(s.stream.latencies, 50)),
    proxyCpuMicrosPerRequest: isProxy
      ? round((s.c16.cpuMicros + s.c64.cpuMicros) / (s.c16.requests + s.c64.requests), 1)
      : null,
    requests: slots.reduce((n, x) => n + x.requests, 0),
    errors: slots.reduce((n, x) => n + x.errors, 0),
  }
}

/** Per-variant figures and the switchboard/bare ratios the issue sets targets for. */
export function summarize(samples: Samples) {
  const variants = {
    direct: variant(samples.direct, samples.direct, false),
    bare: variant(samples.bare, samples.direct, true),
    switchboard: variant(samples.switchboard, samples.direct, true),
  }
  const { bare, switchboard: sw } = variants
  // Noise can put the floor's added latency at or below zero; no ratio is meaningful then.
  const atMost = (value: number, max: number): Ratio =>
    Number.isFinite(value) && value >= 0
      ? { value: round(value), target: `<= ${max}`, pass: value <= max }
      : { value: NaN, target: `<= ${max}`, pass: null }
  const atLeast = (value: number, min: number): Ratio => ({
    value: round(value),
    target: `>= ${min}`,
    pass: value >= min,
  })
  const info = (value: number): Ratio => ({ value: round(value), target: '-', pass: null })
  const addedRatio = (key: 'c1' | 'c16' | 'c64') =>
    atMost(sw.addedP50MsAt[key]! / bare.addedP50MsAt[key]!, 1.2)
  const ratios: Record<string, Ratio> = {
    'throughput c=1': info(sw.rps.c1 / bare.rps.c1),
    'throughput c=16': atLeast(sw.rps.c16 / bare.rps.c16, 0.85),
    'throughput c=64': atLeast(sw.rps.c64 / bare.rps.c64, 0.85),
    'added p50 latency c=1': addedRatio('c1'),
    'added p50 latency c=16': addedRatio('c16'),
    'added p50 latency c=64': addedRatio('c64'),
    'added stream TTFB p50': atMost(sw.streamAddedTtfbP50Ms! / bare.streamAddedTtfbP50Ms!, 1.1),
    'proxy CPU per request': info(sw.proxyCpuMicrosPerRequest! / bare.proxyCpuMicrosPerRequest!),
  }
  return { variants, ratios }
}

export type Meta = Record<string, string | number | boolean>

/** The run's settings and the machine's load, one line. */
export function formatMeta(meta: Meta): string {
  return `Proxy benchmark: ${Object.entries(meta)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`
}

/** Every path's ratios side by side, so one glance says which targets are met. */
export function printRatioSummary(paths: Record<string, ReturnType<typeof summarize>>): void {
  const names = Object.keys(paths)
  const labels = Object.keys(paths[names[0]!]!.ratios)
  const line = (label: string, cells: string[]) =>
    label.padEnd(26) + cells.map((c) => c.padStart(16)).join('')
  const out = ['', 'switchboard / bare, by path', line('', [...names, 'target'])]
  for (const label of labels) {
    const cells = names.map((n) => {
      const r = paths[n]!.ratios[label]!
      return `${r.value.toFixed(2)} ${r.pass === null ? '' : r.pass ? 'PASS' : 'MISS'}`.trim()
    })
    out.push(line(label, [...cells, paths[names[0]!]!.ratios[label]!.target]))
  }
  process.stdout.write(out.join('\n') + '\n')
}

/** One path's results as a plain-text table, then the ratios against their targets. */
export function printReport(
  title: string,
  { variants, ratios }: ReturnType<typeof summarize>,
): void {
  const names = Object.keys(variants) as Variant[]
  const cell = (v: number | null, digits: number) => (v === null ? '-' : v.toFixed(digits))
  const rows: [string, (s: VariantSummary) => string][] = [
    ['req/s  c=1', (s) => cell(s.rps.c1, 0)],
    ['req/s  c=16', (s) => cell(s.rps.c16, 0)],
    ['req/s  c=64', (s) => cell(s.rps.c64, 0)],
    ['latency p50 ms (c=1)', (s) => cell(s.p50Ms, 3)],
    ['latency p99 ms (c=1)', (s) => cell(s.p99Ms, 3)],
    ['added p50 ms  c=1', (s) => cell(s.addedP50MsAt.c1, 3)],
    ['added p50 ms  c=16', (s) => cell(s.addedP50MsAt.c16, 3)],
    ['added p50 ms  c=64', (s) => cell(s.addedP50MsAt.c64, 3)],
    ['added p99 ms', (s) => cell(s.addedP99Ms, 3)],
    ['stream TTFB p50 ms', (s) => cell(s.streamTtfbP50Ms, 3)],
    ['stream TTFB p99 ms', (s) => cell(s.streamTtfbP99Ms, 3)],
    ['stream added TTFB p50 ms', (s) => cell(s.streamAddedTtfbP50Ms, 3)],
    ['stream total p50 ms', (s) => cell(s.streamTotalP50Ms, 3)],
    ['proxy CPU µs/request', (s) => cell(s.proxyCpuMicrosPerRequest, 0)],
    ['requests (errors)', (s) => `${s.requests} (${s.errors})`],
  ]
  const line = (label: string, cells: string[]) =>
    label.padEnd(26) + cells.map((c) => c.padStart(13)).join('')
  const out = [
    '',
    title,
    '',
    line('', names),
    ...rows.map(([label, get]) =>
      line(
        label,
        names.map((n) => get(variants[n])),
      ),
    ),
    '',
    line('switchboard / bare', ['ratio', 'target', 'result']),
    ...Object.entries(ratios).map(([label, r]) =>
      line(label, [
        r.value.toFixed(3),
        r.target,
        r.pass === null ? 'info' : r.pass ? 'PASS' : 'MISS',
      ]),
    ),
  ]
  process.stdout.write(out.join('\n') + '\n')
}
