import { hostname, networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import { createHostAllowList } from '../../src/main/core/mux/security.ts'

describe('createHostAllowList', () => {
  const allowed = createHostAllowList(() => ['alias.lan'])

  it('accepts loopback names, this machine and its interface addresses', () => {
    expect(allowed('localhost')).toBe(true)
    expect(allowed('127.0.0.5')).toBe(true)
    expect(allowed('[::1]')).toBe(true)
    expect(allowed(hostname().toLowerCase())).toBe(true)
    const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? [])
    for (const a of addresses) {
      const address = a.address.toLowerCase().split('%')[0]!
      expect(allowed(a.family === 'IPv6' ? `[${address}]` : address)).toBe(true)
    }
  })

  it('accepts the extra names and refuses anything else', () => {
    expect(allowed('alias.lan')).toBe(true)
    expect(allowed('evil.example')).toBe(false)
    expect(allowed('')).toBe(false)
    expect(allowed('0.0.0.0')).toBe(false)
  })
})
