import { describe, expect, it } from 'vitest'
import type { RequestLogEntry } from '../../src/shared/activity.ts'
import {
  bucketSizeFor,
  latencyPoints,
  stackSeries,
  tokenBuckets,
} from '../../src/renderer/src/lib/activity-stats.ts'
import { formatUsd } from '../../src/renderer/src/lib/money.ts'
import { assignSeriesSlots, SERIES_COUNT } from '../../src/renderer/src/lib/series-palette.ts'
import { rangeBounds } from '../../src/renderer/src/lib/time-range.ts'
import { defaultFilters, matchesFilters } from '../../src/renderer/src/stores/activity.ts'
import { logEntry } from './log-entry.ts'

const entry = (over: Partial<RequestLogEntry>): RequestLogEntry =>
  logEntry({
    client: 'claude-code',
    files: ['src/parser.rs'],
    rule: 'catch-all',
    ruleKind: 'catch-all',
    ...over,
  })

describe('series colours', () => {
  it('gives every model its own colour, the same one whatever order the models come in', () => {
    const models = ['oai/gpt-4o', 'oai/gpt-4o-mini', 'claude/claude-sonnet-4-5', 'local/qwen']
    const a = assignSeriesSlots(models)
    const b = assignSeriesSlots([...models].reverse())
    expect(new Set(a.values()).size).toBe(models.length)
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort())
  })

  it('stays distinct up to the palette size, then reuses colours rather than failing', () => {
    const many = Array.from({ length: SERIES_COUNT }, (_, i) => `p/model-${i}`)
    expect(new Set(assignSeriesSlots(many).values()).size).toBe(SERIES_COUNT)
    const more = assignSeriesSlots([...many, 'p/one-more'])
    expect(more.size).toBe(SERIES_COUNT + 1)
    expect(more.get('p/one-more')).toBeLessThan(SERIES_COUNT)
  })
})

describe('tokens over time', () => {
  const hour = Date.parse('2026-01-01T10:00:00Z')

  it('picks round bucket sizes that keep a range readable', () => {
    expect(bucketSizeFor(3_600_000)).toBe(60_000)
    expect(bucketSizeFor(86_400_000)).toBe(30 * 60_000)
    expect(bucketSizeFor(7 * 86_400_000)).toBe(180 * 60_000)
  })

  it('shows a burst as a burst: every bucket of the range is there, the quiet ones empty', () => {
    const burst = [0, 5, 10, 20].map((s) =>
      entry({ at: new Date(hour + 30 * 60_000 + s * 1000).toISOString() }),
    )
    const models = ['oai/gpt-4o', 'local/q']
    const series = tokenBuckets(
      [
        ...burst,
        entry({ at: new Date(hour + 61_000).toISOString(), provider: 'local', model: 'q' }),
      ],
      models,
      hour,
      hour + 3_600_000,
      60_000,
    )
    expect(series.xs).toHaveLength(60)
    expect(series.xs[0]).toBe(hour / 1000)
    expect(series.values[0]![30]).toBe(4 * 15)
    expect(series.values[0]!.filter((v) => v !== 0)).toHaveLength(1)
    expect(series.values[1]![1]).toBe(15)
  })

  it('stacks series so each model shows as its own segment', () => {
    expect(
      stackSeries([
        [1, 0, 2],
        [3, 4, null],
      ]),
    ).toEqual([
      [4, 4, 2],
      [3, 4, 0],
    ])
  })

  it('puts each request latency at its time, under its own model only', () => {
    const points = latencyPoints(
      [
        entry({ at: '2026-01-01T10:00:02Z', latencyMs: 900, provider: 'local', model: 'q' }),
        entry({ at: '2026-01-01T10:00:01Z', latencyMs: 120 }),
      ],
      ['oai/gpt-4o', 'local/q'],
    )
    expect(points.xs).toEqual([hour / 1000 + 1, hour / 1000 + 2])
    expect(points.values).toEqual([
      [120, null],
      [null, 900],
    ])
  })
})

describe('time ranges, search and money', () => {
  const now = Date.parse('2026-01-02T12:00:00Z')

  it('turns presets and custom local times into ISO bounds', () => {
    expect(rangeBounds('hour', { from: '', to: '' }, now)).toEqual({
      from: '2026-01-02T11:00:00.000Z',
    })
    expect(rangeBounds('week', { from: '', to: '' }, now).from).toBe('2025-12-26T12:00:00.000Z')
    const custom = rangeBounds('custom', { from: '2026-01-01T09:30', to: '' }, now)
    expect(custom.to).toBeUndefined()
    expect(Date.parse(custom.from!)).toBe(new Date(2026, 0, 1, 9, 30).getTime())
  })

  it('matches live entries by range and by every searched word, as the core does', () => {
    const f = { ...defaultFilters, range: 'week' as const }
    const old = entry({ at: '2025-12-01T00:00:00Z' })
    const fresh = entry({ at: '2026-01-02T11:59:00Z' })
    expect(matchesFilters(old, f, now)).toBe(false)
    expect(matchesFilters(fresh, f, now)).toBe(true)
    expect(matchesFilters(fresh, { ...f, search: 'PARSER claude' }, now)).toBe(true)
    expect(matchesFilters(fresh, { ...f, search: 'parser anthropic' }, now)).toBe(false)
    const capped = entry({
      at: fresh.at,
      attempts: [
        {
          target: { provider: 'claude', model: 'x' },
          status: null,
          error: 'skipped: workspace daily cap $5.00 reached',
          ms: 0,
        },
      ],
    })
    expect(matchesFilters(capped, { ...f, search: 'daily cap' }, now)).toBe(true)
    expect(matchesFilters(fresh, { ...f, model: 'oai/gpt-4o' }, now)).toBe(true)
  })

  it('writes dollars readably, down to fractions of a cent', () => {
    expect(formatUsd(null)).toBe('—')
    expect(formatUsd(0)).toBe('$0')
    expect(formatUsd(0.000114)).toBe('$0.000114')
    expect(formatUsd(0.0123456)).toBe('$0.0123')
    expect(formatUsd(5)).toBe('$5.00')
    expect(formatUsd(1204)).toBe('$1,204.00')
    expect(formatUsd(1e-9)).toBe('<$0.000001')
  })
})
