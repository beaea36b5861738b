import { describe, expect, it } from 'vitest'
import { createThrottledLog } from '../../src/main/core/mux/throttled-log.ts'

describe('createThrottledLog', () => {
  it('writes one line per kind per interval, then says how many were held back', async () => {
    const lines: string[] = []
    const log = createThrottledLog((line) => lines.push(line), 50)
    for (let i = 0; i < 1_000; i++) log('refused', `refused a connection ${i}`)
    log('timeout', 'a timeout')
    expect(lines).toEqual(['switchboard: refused a connection 0', 'switchboard: a timeout'])
    await new Promise((r) => setTimeout(r, 60))
    log('refused', 'refused a connection again')
    expect(lines.at(-1)).toBe(
      'switchboard: refused a connection again (999 more like this since the last report)',
    )
  })
})
