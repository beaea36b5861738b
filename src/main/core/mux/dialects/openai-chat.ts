// OpenAI Chat Completions (`POST /v1/mux/chat/completions`): the canonical form itself.

import type { OpenAIChatRequest, OpenAIChatResponse } from '../../providers/wire/openai.ts'
import type { InboundRequest } from '../inbound.ts'
import { openAIUsage } from '../relay-json.ts'
import { openAIPassThrough, type Sink } from '../relay-stream.ts'
import type { Dialect } from './dialect.ts'
import { checkOpenAIChatBody } from './openai-chat-check.ts'
import { validateBody } from './validate.ts'

const CHAT_REFERENCE = 'https://platform.openai.com/docs/api-reference/chat/create'

type ChatInbound = Extract<InboundRequest, { route: 'chat' }>

/** Writes chunks as `data:` lines, ending with `[DONE]`. */
export function openAIChunkSink(encode: (item: unknown) => unknown = (item) => item): Sink {
  return {
    write: (items) => items.map((item) => `data: ${JSON.stringify(encode(item))}\n\n`).join(''),
    end: () => 'data: [DONE]\n\n',
    usage: () => null,
  }
}

export const openAIChat: Dialect<ChatInbound> = {
  format: 'openai',
  parse(body) {
    const { model, stream } = validateBody(checkOpenAIChatBody, body, CHAT_REFERENCE)
    return { route: 'chat', format: 'openai', body: body as OpenAIChatRequest, model, stream }
  },
  nativeShape: 'openai-chat',
  nativeUsage: (json) => openAIUsage((json as OpenAIChatResponse)?.usage),
  fromOpenAI: (answer) => answer,
  passThrough: (plan) => openAIPassThrough(!plan.clientWantsUsage),
  sink: () => openAIChunkSink(),
}
