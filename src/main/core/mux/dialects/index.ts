// The dialects clients speak, by route, and the relay of an upstream's answer into the client's
// dialect: a same-dialect answer goes out as received, any other is decoded into OpenAI chat terms
// and encoded by the dialect.

import type { InboundRequest } from '../inbound.ts'
import { upstreamJsonToOpenAI, openAIUsage, type Usage } from '../relay-json.ts'
import { relayThroughSink, type StreamRelay } from '../relay-stream.ts'
import type { UpstreamPlan, UpstreamShape } from '../upstream-plan.ts'
import { anthropicMessages } from './anthropic-messages.ts'
import type { Dialect } from './dialect.ts'
import { openAIChat } from './openai-chat.ts'
import { openAICompletions } from './openai-completions.ts'
import { openAIResponses } from './openai-responses.ts'

const dialects: { [R in InboundRequest['route']]: Dialect<Extract<InboundRequest, { route: R }>> } =
  {
    chat: openAIChat,
    completions: openAICompletions,
    messages: anthropicMessages,
    responses: openAIResponses,
  }

/** The dialect spoken on a route. */
export function dialectFor<R extends InboundRequest['route']>(
  route: R,
): Dialect<Extract<InboundRequest, { route: R }>> {
  return dialects[route]
}

/** Translates a whole (non-stream) upstream answer into the client's dialect, with its token usage. */
export function relayJson(
  shape: UpstreamShape,
  inbound: InboundRequest,
  json: unknown,
  model: string,
): { body: unknown; usage: Usage | null } {
  const dialect = dialectFor(inbound.route) as Dialect
  if (shape === dialect.nativeShape) return { body: json, usage: dialect.nativeUsage(json) }
  const answer = upstreamJsonToOpenAI(shape, json, model)
  return { body: dialect.fromOpenAI(answer, inbound, model), usage: openAIUsage(answer.usage) }
}

/** Picks the decoder, translator and encoder for one upstream shape and one client dialect. */
export function createStreamRelay(
  plan: UpstreamPlan,
  inbound: InboundRequest,
  model: string,
): StreamRelay {
  const dialect = dialectFor(inbound.route) as Dialect
  if (plan.shape === dialect.nativeShape) return dialect.passThrough(plan)
  return relayThroughSink(plan, model, dialect.sink(inbound, model))
}
