// Anthropic Messages (`POST /v1/mux/v1/messages`), as Claude Code speaks it.

import { formatSse, createSseParser, type SseEvent } from '../../providers/sse.ts'
import { anthropicToOpenAIChat } from '../../providers/translate/anthropic-request.ts'
import { openAIResponseToAnthropic } from '../../providers/translate/anthropic-response.ts'
import { createOpenAIToAnthropicStream } from '../../providers/translate/anthropic-stream.ts'
import type { AnthropicRequest, AnthropicResponse } from '../../providers/wire/anthropic.ts'
import type { OpenAIChatChunk, OpenAIChatResponse } from '../../providers/wire/openai.ts'
import type { InboundRequest } from '../inbound.ts'
import { anthropicUsage } from '../relay-json.ts'
import { isStreamError, type Sink, type StreamRelay } from '../relay-stream.ts'
import type { Dialect } from './dialect.ts'
import { checkAnthropicMessagesBody } from './anthropic-messages-check.ts'
import { validateBody } from './validate.ts'

const MESSAGES_REFERENCE = 'https://docs.anthropic.com/en/api/messages'

type MessagesInbound = Extract<InboundRequest, { route: 'messages' }>

export const anthropicMessages: Dialect<MessagesInbound> = {
  format: 'anthropic',
  parse(body) {
    const { model, stream } = validateBody(checkAnthropicMessagesBody, body, MESSAGES_REFERENCE)
    const anthropic = body as unknown as AnthropicRequest
    return {
      route: 'messages',
      format: 'anthropic',
      body: anthropic,
      canonical: anthropicToOpenAIChat(anthropic),
      model,
      stream,
    }
  },
  nativeShape: 'anthropic',
  nativeUsage: (json) => anthropicUsage(json as AnthropicResponse),
  fromOpenAI: (answer, _request, model) =>
    openAIResponseToAnthropic(answer as OpenAIChatResponse, model),
  passThrough: () => anthropicPassThrough(),
  sink: (_request, model) => anthropicSink(model),
}

function anthropicSink(model: string): Sink {
  const translator = createOpenAIToAnthropicStream({ model })
  let failed = false
  const encode = (events: { type: string }[]) =>
    events.map((e) => formatSse(JSON.stringify(e), e.type)).join('')
  return {
    write(items) {
      let out = ''
      for (const item of items) {
        if (isStreamError(item)) {
          failed = true
          out += formatSse(
            JSON.stringify({
              type: 'error',
              error: { type: 'api_error', message: item.error.message },
            }),
            'error',
          )
        } else out += encode(translator.push(item as OpenAIChatChunk))
      }
      return out
    },
    end: () => (failed ? '' : encode(translator.finish())),
    usage: () => translator.usage(),
  }
}

/** Anthropic upstream, Anthropic client: forward events as they are, reading usage on the way. */
function anthropicPassThrough(): StreamRelay {
  const parser = createSseParser()
  let input = 0
  let output = 0
  let cacheRead = 0
  let seen = false
  const forward = (events: SseEvent[]) => {
    let out = ''
    for (const e of events) {
      if (e.event === 'message_start' || e.event === 'message_delta') {
        const parsed = JSON.parse(e.data) as {
          message?: { usage?: Record<string, number> }
          usage?: Record<string, number>
        }
        const u = parsed.message?.usage ?? parsed.usage
        if (u) {
          seen = true
          input = Math.max(
            input,
            (u.input_tokens ?? 0) +
              (u.cache_read_input_tokens ?? 0) +
              (u.cache_creation_input_tokens ?? 0),
          )
          output = Math.max(output, u.output_tokens ?? 0)
          cacheRead = Math.max(cacheRead, u.cache_read_input_tokens ?? 0)
        }
      }
      out += formatSse(e.data, e.event)
    }
    return out
  }
  return {
    push: (text) => forward(parser.push(text)),
    end: () => forward(parser.end()),
    fail: (message) =>
      formatSse(JSON.stringify({ type: 'error', error: { type: 'api_error', message } }), 'error'),
    usage: () => (seen ? { input, output, cacheRead } : null),
  }
}
