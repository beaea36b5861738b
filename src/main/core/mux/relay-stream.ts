import { createSseParser, formatSse, type SseEvent } from '../providers/sse.ts'
import { createNdjsonParser } from '../providers/ndjson.ts'
import {
  createAnthropicToOpenAIStream,
  createOpenAIToAnthropicStream,
} from '../providers/translate/anthropic-stream.ts'
import { createOllamaChatToOpenAIStream } from '../providers/translate/ollama-chat.ts'
import { createOllamaGenerateToOpenAICompletionStream } from '../providers/translate/ollama-generate.ts'
import type {
  OllamaChatStreamObject,
  OllamaGenerateStreamObject,
} from '../providers/wire/ollama.ts'
import type { OpenAIChatChunk, OpenAICompletionChunk } from '../providers/wire/openai.ts'
import { chatChunkToCompletion } from './completion-as-chat.ts'
import type { InboundRequest } from './inbound.ts'
import { openAIUsage, type Usage } from './relay-json.ts'
import type { UpstreamPlan } from './upstream-plan.ts'

type StreamError = { error: { message: string; type: string } }
type Chunk = OpenAIChatChunk | OpenAICompletionChunk

/** Upstream stream text in, client stream text out: decode, translate, encode. */
export interface StreamRelay {
  push(text: string): string
  /** The upstream ended normally. */
  end(): string
  /** The upstream failed after the stream began: a proper error event, then the end. */
  fail(message: string): string
  usage(): Usage | null
}

const isError = (item: unknown): item is StreamError =>
  typeof item === 'object' && item !== null && 'error' in item

/** Picks the decoder, translator and encoder for one upstream shape and one client route. */
export function createStreamRelay(
  plan: UpstreamPlan,
  route: InboundRequest['route'],
  model: string,
): StreamRelay {
  if (plan.shape === 'anthropic' && route === 'messages') return anthropicPassThrough()
  if (plan.shape === 'openai-chat' && route === 'chat')
    return openAIPassThrough(!plan.clientWantsUsage)
  if (plan.shape === 'openai-completion') return openAIPassThrough(!plan.clientWantsUsage)
  const source = openAISource(plan, model)
  const sink = route === 'messages' ? anthropicSink(model) : openAISink(route === 'completions')
  return {
    push: (text) => sink.write(source.push(text)),
    end: () => sink.write(source.end()) + sink.end(),
    fail: (message) => sink.write([{ error: { message, type: 'upstream_error' } }]),
    usage: () => source.usage() ?? sink.usage(),
  }
}

interface ChunkSource {
  push(text: string): (Chunk | StreamError)[]
  end(): (Chunk | StreamError)[]
  usage(): Usage | null
}

/** Upstream stream → OpenAI chunks. */
function openAISource(plan: UpstreamPlan, model: string): ChunkSource {
  const includeUsage = plan.clientWantsUsage
  if (plan.shape === 'ollama-chat' || plan.shape === 'ollama-generate') {
    const parser = createNdjsonParser()
    // Both translators take one parsed line and give chunks or an error.
    const translator = (
      plan.shape === 'ollama-chat'
        ? createOllamaChatToOpenAIStream({ model, includeUsage })
        : createOllamaGenerateToOpenAICompletionStream({ model, includeUsage })
    ) as {
      push(o: OllamaChatStreamObject & OllamaGenerateStreamObject): (Chunk | StreamError)[]
      finish(): (Chunk | StreamError)[]
      usage(): Usage | null
    }
    const translate = (objects: unknown[]) =>
      objects.flatMap((o) =>
        translator.push(o as OllamaChatStreamObject & OllamaGenerateStreamObject),
      )
    return {
      push: (text) => translate(parser.push(text)),
      end: () => [...translate(parser.end()), ...translator.finish()],
      usage: () => translator.usage(),
    }
  }
  const parser = createSseParser()
  if (plan.shape === 'anthropic') {
    const translator = createAnthropicToOpenAIStream({ model, includeUsage })
    const translate = (events: SseEvent[]) => events.flatMap((e) => translator.push(e))
    return {
      push: (text) => translate(parser.push(text)),
      end: () => [...translate(parser.end()), ...translator.finish()],
      usage: () => translator.usage(),
    }
  }
  // OpenAI chat upstream, Anthropic client.
  let usage: Usage | null = null
  const translate = (events: SseEvent[]) =>
    events.flatMap((e): (Chunk | StreamError)[] => {
      if (e.data === '[DONE]') return []
      const chunk = JSON.parse(e.data) as OpenAIChatChunk | StreamError
      if (!isError(chunk) && chunk.usage) usage = openAIUsage(chunk.usage) ?? usage
      return [chunk]
    })
  return {
    push: (text) => translate(parser.push(text)),
    end: () => translate(parser.end()),
    usage: () => usage,
  }
}

interface Sink {
  write(items: (Chunk | StreamError)[]): string
  end(): string
  usage(): Usage | null
}

function openAISink(asCompletion: boolean): Sink {
  return {
    write(items) {
      let out = ''
      for (const item of items) {
        const payload =
          asCompletion && !isError(item) && item.object === 'chat.completion.chunk'
            ? chatChunkToCompletion(item as OpenAIChatChunk)
            : item
        out += `data: ${JSON.stringify(payload)}\n\n`
      }
      return out
    },
    end: () => 'data: [DONE]\n\n',
    usage: () => null,
  }
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
        if (isError(item)) {
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

/** OpenAI upstream, OpenAI client: forward events as they are, reading usage on the way. */
function openAIPassThrough(hideUsageChunk: boolean): StreamRelay {
  const parser = createSseParser()
  let usage: Usage | null = null
  let done = false
  const forward = (events: SseEvent[]) => {
    let out = ''
    for (const e of events) {
      if (e.data === '[DONE]') {
        done = true
      } else if (e.data.includes('"usage"')) {
        const chunk = JSON.parse(e.data) as OpenAIChatChunk
        usage = openAIUsage(chunk.usage) ?? usage
        if (hideUsageChunk && chunk.choices?.length === 0) continue
      }
      out += `data: ${e.data}\n\n`
    }
    return out
  }
  return {
    push: (text) => forward(parser.push(text)),
    end: () => {
      const rest = forward(parser.end())
      return done ? rest : rest + 'data: [DONE]\n\n'
    },
    fail: (message) =>
      `data: ${JSON.stringify({ error: { message, type: 'upstream_error' } })}\n\ndata: [DONE]\n\n`,
    usage: () => usage,
  }
}

/** Anthropic upstream, Anthropic client: forward events as they are, reading usage on the way. */
function anthropicPassThrough(): StreamRelay {
  const parser = createSseParser()
  let input = 0
  let output = 0
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
    usage: () => (seen ? { input, output } : null),
  }
}
