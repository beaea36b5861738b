import { createSseParser, type SseEvent } from '../providers/sse.ts'
import { createNdjsonParser } from '../providers/ndjson.ts'
import { createAnthropicToOpenAIStream } from '../providers/translate/anthropic-stream.ts'
import { createOllamaChatToOpenAIStream } from '../providers/translate/ollama-chat.ts'
import { createOllamaGenerateToOpenAICompletionStream } from '../providers/translate/ollama-generate.ts'
import type {
  OllamaChatStreamObject,
  OllamaGenerateStreamObject,
} from '../providers/wire/ollama.ts'
import type { OpenAIChatChunk, OpenAICompletionChunk } from '../providers/wire/openai.ts'
import { openAIUsage, type Usage } from './relay-json.ts'
import type { UpstreamPlan } from './upstream-plan.ts'

// The upstream side of every stream: decode what the upstream sends into OpenAI chunks. The
// client side (the sink that encodes them in the client's dialect) lives with each dialect.

export type StreamError = { error: { message: string; type: string } }
export type Chunk = OpenAIChatChunk | OpenAICompletionChunk

/** Upstream stream text in, client stream text out: decode, translate, encode. */
export interface StreamRelay {
  push(text: string): string
  /** The upstream ended normally. */
  end(): string
  /** The upstream failed after the stream began: a proper error event, then the end. */
  fail(message: string): string
  usage(): Usage | null
}

export const isStreamError = (item: unknown): item is StreamError =>
  typeof item === 'object' && item !== null && 'error' in item

/** Upstream stream in, OpenAI chunks through the client dialect's sink, its stream out. */
export function relayThroughSink(plan: UpstreamPlan, model: string, sink: Sink): StreamRelay {
  const source = openAISource(plan, model)
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
      if (!isStreamError(chunk) && chunk.usage) usage = openAIUsage(chunk.usage) ?? usage
      return [chunk]
    })
  return {
    push: (text) => translate(parser.push(text)),
    end: () => translate(parser.end()),
    usage: () => usage,
  }
}

/** OpenAI chunks in, the client's stream text out. */
export interface Sink {
  write(items: (Chunk | StreamError)[]): string
  end(): string
  usage(): Usage | null
}

/** OpenAI upstream, OpenAI client: forward events as they are, reading usage on the way. */
export function openAIPassThrough(hideUsageChunk: boolean): StreamRelay {
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
