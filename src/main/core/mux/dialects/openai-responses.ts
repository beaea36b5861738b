// OpenAI Responses (`POST /v1/mux/responses`), as Codex CLI speaks it. Native pass-through to
// providers of kind `openai`; every other target gets the canonical chat request, and its answer
// comes back as Responses JSON or Responses stream events.

import { SwitchboardError } from '../../../../shared/errors.ts'
import { createSseParser, formatSse, type SseEvent } from '../../providers/sse.ts'
import {
  responsesToOpenAIChat,
  ResponsesTranslationError,
} from '../../providers/translate/responses-request.ts'
import { openAIChatToResponses } from '../../providers/translate/responses-response.ts'
import { createChatToResponsesStream } from '../../providers/translate/responses-stream.ts'
import type { OpenAIChatChunk, OpenAIChatResponse } from '../../providers/wire/openai.ts'
import type {
  ResponsesRequest,
  ResponsesResponse,
  ResponsesStreamEvent,
} from '../../providers/wire/openai-responses.ts'
import type { InboundRequest } from '../inbound.ts'
import type { Usage } from '../relay-json.ts'
import { isStreamError, type Sink, type StreamRelay } from '../relay-stream.ts'
import type { Dialect } from './dialect.ts'
import { checkOpenAIResponsesBody } from './openai-responses-check.ts'
import { invalid, validateBody } from './validate.ts'

const RESPONSES_REFERENCE = 'https://platform.openai.com/docs/api-reference/responses/create'

type ResponsesInbound = Extract<InboundRequest, { route: 'responses' }>

export const openAIResponses: Dialect<ResponsesInbound> = {
  format: 'openai',
  parse(body) {
    const { model, stream } = validateBody(checkOpenAIResponsesBody, body, RESPONSES_REFERENCE)
    if (body.background === true)
      invalid(
        '"background" responses need stored state, which Switchboard does not keep. Leave it out.',
        'background',
      )
    const request = body as ResponsesRequest
    try {
      return {
        route: 'responses',
        format: 'openai',
        body: request,
        canonical: responsesToOpenAIChat(request),
        model,
        stream,
      }
    } catch (err) {
      if (err instanceof ResponsesTranslationError) invalid(err.message, err.param)
      throw err
    }
  },
  nativeShape: 'openai-responses',
  nativeUsage: (json) => responsesUsage((json as ResponsesResponse)?.usage),
  fromOpenAI: (answer, request, model) =>
    openAIChatToResponses(answer as OpenAIChatResponse, request.body, model),
  passThrough: () => responsesPassThrough(),
  sink: (request, model) => responsesSink(request.body, model),
}

/**
 * Targets that do not speak Responses get the full conversation each turn, so a request that
 * points at state stored on a server (`previous_response_id`, `conversation`) cannot be served.
 */
export function refuseStoredState(body: ResponsesRequest): void {
  for (const field of ['previous_response_id', 'conversation']) {
    if (body[field] != null)
      throw new SwitchboardError(
        'invalid_request',
        `"${field}" needs responses stored by the server, and the chosen target does not speak the Responses API (only providers of kind openai do). Send the whole conversation in "input" with "store": false instead.`,
        { param: field },
      )
  }
}

function responsesUsage(u: ResponsesResponse['usage']): Usage | null {
  if (!u || typeof u.input_tokens !== 'number') return null
  const cached = u.input_tokens_details?.cached_tokens
  return {
    input: u.input_tokens,
    output: u.output_tokens ?? 0,
    cacheRead: typeof cached === 'number' ? cached : 0,
  }
}

const encode = (events: ResponsesStreamEvent[]) =>
  events.map((e) => formatSse(JSON.stringify(e), e.type)).join('')

function responsesSink(request: ResponsesRequest, model: string): Sink {
  const translator = createChatToResponsesStream({ request, model })
  return {
    write(items) {
      let out = ''
      for (const item of items) {
        out += encode(
          isStreamError(item)
            ? translator.fail(item.error.message)
            : translator.push(item as OpenAIChatChunk),
        )
      }
      return out
    },
    end: () => encode(translator.finish()),
    usage: () => {
      return responsesUsage(translator.usage())
    },
  }
}

const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed'])

/** Responses upstream, Responses client: forward events as they are, reading usage on the way. */
function responsesPassThrough(): StreamRelay {
  const parser = createSseParser()
  let usage: Usage | null = null
  let response: ResponsesResponse | null = null
  let sequence = 0
  const forward = (events: SseEvent[]) => {
    let out = ''
    for (const e of events) {
      const type = e.event ?? ''
      if (type.startsWith('response.') && e.data.includes('"response"')) {
        const parsed = JSON.parse(e.data) as {
          response?: ResponsesResponse
          sequence_number?: number
        }
        response = parsed.response ?? response
        sequence = (parsed.sequence_number ?? sequence) + 1
        if (FINAL_EVENTS.has(type)) usage = responsesUsage(parsed.response?.usage) ?? usage
      }
      out += formatSse(e.data, e.event)
    }
    return out
  }
  return {
    push: (text) => forward(parser.push(text)),
    end: () => forward(parser.end()),
    // Codex acts on response.failed; the SDKs also read the response id from it.
    fail: (message) => {
      const failed = {
        ...(response ?? { id: 'resp_failed', object: 'response', output: [] }),
        status: 'failed',
        error: { code: 'server_error', message },
      }
      return encode([{ type: 'response.failed', sequence_number: sequence, response: failed }])
    },
    usage: () => usage,
  }
}
