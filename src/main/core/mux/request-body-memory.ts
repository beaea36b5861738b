import { Readable } from 'node:stream'
import type { InboundRequest } from './inbound.ts'
import type { UpstreamPlan } from './upstream-plan.ts'

// An open stream should cost a few KB, whatever the prompt's size. Measured with
// bench/stream-memory.ts (64 KB prompt, heap + external): ~307 KB per open stream before, ~24 KB
// after; a bare pass-through holds ~18 KB.

/**
 * The upstream request body as a stream that lets go of its bytes once sent. undici keeps a
 * string body (twice: the string and its Buffer) until the response ends, which for a
 * stream is its whole life.
 */
export function oneShotBody(body: Buffer): Readable {
  let pending: Buffer | null = body
  return new Readable({
    read() {
      const chunk = pending
      pending = null
      this.push(chunk)
      this.push(null)
    },
  })
}

/**
 * Drops the parsed request and its upstream copy once the answer streams: no fallback or retry
 * can use them any more, and the handlers waiting on the stream would otherwise hold them.
 */
export function releaseRequestBody(inbound: InboundRequest, plan: UpstreamPlan): void {
  const released = inbound as { body: unknown; canonical?: unknown }
  released.body = null
  inbound.raw = undefined
  if ('canonical' in released) released.canonical = null
  ;(plan as { body: Buffer }).body = Buffer.alloc(0)
}
