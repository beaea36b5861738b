import { errors } from 'undici'
import { describe, expect, it } from 'vitest'
import { describeNetworkError } from '../../src/main/core/providers/network-errors.ts'

describe('describeNetworkError', () => {
  const url = 'http://10.0.0.9:8000/v1/chat/completions'

  it('quotes the connect timeout when the connection was not accepted in time', () => {
    const message = describeNetworkError(new errors.ConnectTimeoutError(), url, 120_000, 5_000)
    expect(message).toBe(
      `${url} did not answer within 5000 ms (connect timeout). Is the server running and reachable?`,
    )
  })

  it('quotes the first-byte timeout when the answer did not start in time', () => {
    const message = describeNetworkError(new errors.HeadersTimeoutError(), url, 120_000, 5_000)
    expect(message).toContain('did not answer within 120000 ms.')
  })
})
