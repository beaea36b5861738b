import { describe, expect, it } from 'vitest'
import { endpointOriginChanged } from '../../src/renderer/src/lib/endpoint-origin.ts'

describe('endpointOriginChanged (the provider form asks before a stored key moves)', () => {
  it.each([
    ['https://api.openai.com/v1', 'https://api.openai.com/v2', false],
    ['https://api.openai.com/v1', 'https://API.openai.com:443/v1', false],
    ['https://api.openai.com/v1', 'http://api.openai.com/v1', true],
    ['http://127.0.0.1:8000/v1', 'http://127.0.0.1:8001/v1', true],
    ['https://api.openai.com/v1', 'https://evil.example/v1', true],
  ])('%s -> %s: %s', (stored, next, changed) => {
    expect(endpointOriginChanged(stored, next)).toBe(changed)
  })
})
