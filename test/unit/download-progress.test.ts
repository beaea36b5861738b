import { describe, expect, it } from 'vitest'
import {
  createProgressMeter,
  type DownloadProgress,
} from '../../src/main/core/models/progress-meter.ts'

describe('createProgressMeter', () => {
  function setup(totalBytes: number | null, startBytes = 0) {
    let clock = 0
    const reports: DownloadProgress[] = []
    const meter = createProgressMeter({
      startBytes,
      totalBytes,
      onProgress: (p) => reports.push(p),
      now: () => clock,
    })
    return { meter, reports, tick: (ms: number) => (clock += ms) }
  }

  it('reports the start at once, then at most one update per 250 ms', () => {
    const { meter, reports, tick } = setup(10_000)
    meter.start()
    for (let i = 0; i < 20; i++) {
      tick(50)
      meter.add(100)
    }
    // 1 s of adds every 50 ms: the start plus one report per 250 ms.
    expect(reports.length).toBe(1 + 4)
    meter.finish()
    expect(reports.at(-1)?.receivedBytes).toBe(2000)
  })

  it('computes speed and ETA from the bytes between reports', () => {
    const { meter, reports, tick } = setup(10_000)
    meter.start()
    expect(reports[0]).toEqual({
      receivedBytes: 0,
      totalBytes: 10_000,
      bytesPerSecond: 0,
      etaSeconds: null,
    })
    tick(250)
    meter.add(500) // 2000 B/s
    expect(reports[1]).toMatchObject({ receivedBytes: 500, bytesPerSecond: 2000, etaSeconds: 5 })
  })

  it('smooths a sudden change of speed instead of jumping to it', () => {
    const { meter, reports, tick } = setup(1_000_000)
    meter.start()
    tick(250)
    meter.add(250) // 1000 B/s
    tick(250)
    meter.add(2500) // 10 000 B/s for one interval
    const speed = reports.at(-1)!.bytesPerSecond
    expect(speed).toBeGreaterThan(1000)
    expect(speed).toBeLessThan(10_000)
  })

  it('counts resumed bytes and has no ETA without a total', () => {
    const { meter, reports, tick } = setup(null, 4096)
    meter.start()
    tick(300)
    meter.add(1024)
    expect(reports.at(-1)).toMatchObject({
      receivedBytes: 5120,
      totalBytes: null,
      etaSeconds: null,
    })
    expect(reports.at(-1)!.bytesPerSecond).toBeGreaterThan(0)
  })
})
