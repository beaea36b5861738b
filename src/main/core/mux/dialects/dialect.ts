import type { ClientFormat } from '../client-errors.ts'
import type { InboundRequest } from '../inbound.ts'
import type { OpenAIAnswer, Usage } from '../relay-json.ts'
import type { Sink, StreamRelay } from '../relay-stream.ts'
import type { UpstreamPlan, UpstreamShape } from '../upstream-plan.ts'

/**
 * One wire format a client speaks: how its requests are read, and how answers go back to it.
 * Requests become the canonical (OpenAI chat) form the rules read; answers arrive either in this
 * dialect already (a same-dialect target: relayed as received) or as OpenAI chat, which every
 * upstream shape is decoded into, and are encoded here.
 */
export interface Dialect<R extends InboundRequest = InboundRequest> {
  /** The error body format: OpenAI's or Anthropic's. */
  format: ClientFormat
  /** Validates a JSON object body; a clear 400 naming the field otherwise. */
  parse(body: Record<string, unknown>): R
  /** The upstream shape that already is this dialect. */
  nativeShape: UpstreamShape
  /** Token usage of a whole answer in the native shape, for the log. */
  nativeUsage(json: unknown): Usage | null
  /** A whole answer in OpenAI terms, in this dialect. */
  fromOpenAI(answer: OpenAIAnswer, request: R, model: string): unknown
  /** A native stream relayed event by event, its usage read on the way. */
  passThrough(plan: UpstreamPlan): StreamRelay
  /** Encodes OpenAI chunks as this dialect's stream. */
  sink(request: R, model: string): Sink
}
