// OpenAI legacy Completions (fill-in-the-middle clients) <-> Ollama /api/generate, plus Ollama
// error bodies. Pure functions: the hot path does the I/O. Lossy mappings: docs/translation.md.

import type {
  OpenAICompletionChunk,
  OpenAICompletionRequest,
  OpenAICompletionResponse,
  OpenAIErrorBody,
  OpenAIFinishReason,
} from '../wire/openai.ts'
import type {
  OllamaGenerateRequest,
  OllamaGenerateResponse,
  OllamaGenerateStreamObject,
} from '../wire/ollama.ts'
import {
  isOllamaError,
  ollamaCreatedSeconds,
  ollamaFinishReason,
  ollamaOptionsFromOpenAI,
  ollamaStreamErrorToOpenAI,
  ollamaUsageToOpenAI,
  randomId,
} from './ollama-chat.ts'

/** Either a chunk to forward or an error the caller ends the stream with. */
export type OllamaCompletionStreamOutput = OpenAICompletionChunk | OpenAIErrorBody

export interface OllamaGenerateToOpenAICompletionStream {
  /** Translates one parsed NDJSON line. */
  push(obj: OllamaGenerateStreamObject): OllamaCompletionStreamOutput[]
  /** Call when the upstream body ended; an error if Ollama never said `done`. */
  finish(): OllamaCompletionStreamOutput[]
  /** Token counts once the final object arrived, else null. */
  usage(): { input: number; output: number } | null
}

// Marker families of the common code models (Qwen/CodeGemma, StarCoder/Granite, DeepSeek in
// full-width and ASCII bars, CodeLlama, Codestral). Two markers of one family mean the prompt
// is already templated; one alone (say an HTML <PRE> in the code) is not enough.
const FIM_MARKER_FAMILIES: readonly (readonly string[])[] = [
  ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'],
  ['<fim_prefix>', '<fim_suffix>', '<fim_middle>'],
  ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'],
  ['<|fim▁begin|>', '<|fim▁hole|>', '<|fim▁end|>'],
  ['<|fim_begin|>', '<|fim_hole|>', '<|fim_end|>'],
  ['<PRE>', '<SUF>', '<MID>'],
  ['[PREFIX]', '[SUFFIX]', '[MIDDLE]'],
]

/** Translates an OpenAI legacy completion request into an Ollama /api/generate request for `model`. */
export function openAICompletionToOllamaGenerate(
  req: OpenAICompletionRequest,
  model: string,
): OllamaGenerateRequest {
  // Batch prompts are not supported by /api/generate; FIM clients send one.
  const first: unknown = Array.isArray(req.prompt) ? req.prompt[0] : req.prompt
  const prompt = typeof first === 'string' ? first : ''
  const suffix = typeof req.suffix === 'string' ? req.suffix : ''
  const out: OllamaGenerateRequest = { model, prompt, stream: req.stream === true }
  if (hasFimMarkers(prompt)) {
    // Already templated by the client: a template would wrap it again, and the suffix is
    // inside the prompt (a separate one would make Ollama demand an insert-capable template).
    out.raw = true
  } else if (suffix !== '') {
    // The model's template renders prompt + suffix with its own FIM tokens.
    out.suffix = suffix
  } else {
    // Plain continuation, as OpenAI's legacy endpoint does; without raw, Ollama would wrap the
    // text in the model's chat template and the model would answer instead of continue.
    out.raw = true
  }
  const options = ollamaOptionsFromOpenAI(req)
  if (options) out.options = options
  return out
}

/** Translates a non-streamed Ollama /api/generate answer into an OpenAI legacy completion. */
export function ollamaGenerateToOpenAICompletion(
  res: OllamaGenerateResponse,
  model: string,
): OpenAICompletionResponse {
  return {
    id: `cmpl-${randomId()}`,
    object: 'text_completion',
    created: ollamaCreatedSeconds(res.created_at),
    model,
    choices: [
      {
        index: 0,
        text: typeof res.response === 'string' ? res.response : '',
        finish_reason: completionFinishReason(res.done_reason),
        logprobs: null,
      },
    ],
    usage: ollamaUsageToOpenAI(res),
  }
}

/** Creates a translator from Ollama /api/generate NDJSON objects to OpenAI completion chunks. */
export function createOllamaGenerateToOpenAICompletionStream(opts: {
  model: string
  includeUsage: boolean
}): OllamaGenerateToOpenAICompletionStream {
  const id = `cmpl-${randomId()}`
  let created = 0
  let started = false
  let ended = false
  let usage: { input: number; output: number } | null = null

  const chunk = (text: string, finishReason: OpenAIFinishReason | null): OpenAICompletionChunk => {
    const c: OpenAICompletionChunk = {
      id,
      object: 'text_completion',
      created,
      model: opts.model,
      choices: [{ index: 0, text, finish_reason: finishReason, logprobs: null }],
    }
    if (opts.includeUsage) c.usage = null
    return c
  }

  return {
    push(obj) {
      if (ended) return []
      if (isOllamaError(obj)) {
        ended = true
        return [ollamaStreamErrorToOpenAI(obj.error)]
      }
      if (!started) {
        started = true
        created = ollamaCreatedSeconds(obj.created_at)
      }
      const out: OllamaCompletionStreamOutput[] = []
      // `thinking` is dropped: a completion is text to insert, reasoning has no place in it.
      if (typeof obj.response === 'string' && obj.response !== '')
        out.push(chunk(obj.response, null))
      if (obj.done) {
        ended = true
        const u = ollamaUsageToOpenAI(obj)
        usage = { input: u.prompt_tokens, output: u.completion_tokens }
        out.push(chunk('', completionFinishReason(obj.done_reason)))
        if (opts.includeUsage) {
          out.push({
            id,
            object: 'text_completion',
            created,
            model: opts.model,
            choices: [],
            usage: u,
          })
        }
      }
      return out
    },
    finish() {
      if (ended) return []
      ended = true
      return [
        ollamaStreamErrorToOpenAI(
          'the stream ended before Ollama reported it done. The model runner may have stopped; check the Ollama server log',
        ),
      ]
    },
    usage() {
      return usage
    },
  }
}

/** Turns an Ollama error answer (`{"error": "..."}`, plain text, or garbage) into an OpenAI error body. */
export function ollamaErrorToOpenAI(body: unknown, status: number): OpenAIErrorBody {
  const detail = errorDetail(body, 0)
  const { type, code } = errorKind(status, detail)
  const message = detail
    ? `Ollama returned HTTP ${status}: ${detail}`
    : `Ollama returned HTTP ${status} without an error message. Check the Ollama server log.`
  return { error: { message, type, code, param: null } }
}

function hasFimMarkers(prompt: string): boolean {
  return FIM_MARKER_FAMILIES.some((family) => family.filter((m) => prompt.includes(m)).length >= 2)
}

function completionFinishReason(doneReason: string | undefined): OpenAIFinishReason {
  return ollamaFinishReason(doneReason, false)
}

function errorDetail(body: unknown, depth: number): string {
  if (body instanceof Uint8Array) return errorDetail(new TextDecoder().decode(body), depth)
  if (typeof body === 'string') {
    const text = body.trim()
    if (depth === 0 && text.startsWith('{')) {
      try {
        const parsed = errorDetail(JSON.parse(text), depth + 1)
        if (parsed) return parsed
      } catch {
        // Not JSON after all: show the text itself.
      }
    }
    return text.length > 500 ? `${text.slice(0, 500)}…` : text
  }
  if (typeof body === 'object' && body !== null) {
    const { error, message } = body as { error?: unknown; message?: unknown }
    if (typeof error === 'string') return errorDetail(error, depth + 1)
    // OpenAI-shaped bodies from a proxy in front of Ollama.
    if (typeof error === 'object' && error !== null) return errorDetail(error, depth + 1)
    if (typeof message === 'string') return errorDetail(message, depth + 1)
  }
  return ''
}

function errorKind(status: number, detail: string): { type: string; code: string | null } {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return { type: 'invalid_request_error', code: null }
    case 401:
      return { type: 'authentication_error', code: null }
    case 403:
      return { type: 'permission_error', code: null }
    case 404:
      // Clients look for this code to tell "pull the model" apart from a wrong URL.
      return { type: 'not_found_error', code: /model/i.test(detail) ? 'model_not_found' : null }
    case 429:
      return { type: 'rate_limit_error', code: null }
    default:
      return { type: 'upstream_error', code: null }
  }
}
