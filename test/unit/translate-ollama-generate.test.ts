import { describe, expect, it } from 'vitest'
import { createNdjsonParser } from '../../src/main/core/providers/ndjson.ts'
import {
  createOllamaGenerateToOpenAICompletionStream,
  ollamaErrorToOpenAI,
  ollamaGenerateToOpenAICompletion,
  openAICompletionToOllamaGenerate,
  type OllamaCompletionStreamOutput,
} from '../../src/main/core/providers/translate/ollama-generate.ts'
import type { OllamaGenerateStreamObject } from '../../src/main/core/providers/wire/ollama.ts'
import type { OpenAICompletionChunk } from '../../src/main/core/providers/wire/openai.ts'

describe('openAICompletionToOllamaGenerate', () => {
  it('keeps prefix and suffix for the model template to render, with options and explicit stream', () => {
    const out = openAICompletionToOllamaGenerate(
      {
        model: 'autocomplete',
        prompt: 'def compute_gcd(a, b):',
        suffix: '    return result',
        max_tokens: 64,
        temperature: 0,
        stop: ['\n\n\n'],
      },
      'codellama:code',
    )
    expect(out).toEqual({
      model: 'codellama:code',
      prompt: 'def compute_gcd(a, b):',
      suffix: '    return result',
      stream: false,
      options: { temperature: 0, num_predict: 64, stop: ['\n\n\n'] },
    })
    expect(out).not.toHaveProperty('raw')
  })

  it('sends a prompt that already carries FIM tokens raw, unchanged, without a separate suffix', () => {
    const prompts = [
      '<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))<|fim_middle|>',
      '<fim_prefix>const x = <fim_suffix>;\n<fim_middle>',
      '<｜fim▁begin｜>int main() {\n<｜fim▁hole｜>\n}<｜fim▁end｜>',
      '<PRE> def f(): <SUF>\n    return 1 <MID>',
      '[SUFFIX]    return result[PREFIX]def compute_gcd(a, b):',
    ]
    for (const prompt of prompts) {
      const out = openAICompletionToOllamaGenerate(
        { model: 'autocomplete', prompt, suffix: 'ignored', stream: true },
        'qwen2.5-coder:1.5b',
      )
      expect(out).toEqual({ model: 'qwen2.5-coder:1.5b', prompt, raw: true, stream: true })
    }
  })

  it('does not mistake a lone marker in code (an HTML <PRE>) for a templated prompt', () => {
    const out = openAICompletionToOllamaGenerate(
      { model: 'autocomplete', prompt: 'html = "<PRE>"\n', suffix: 'print(html)' },
      'qwen2.5-coder:1.5b',
    )
    expect(out.raw).toBeUndefined()
    expect(out.suffix).toBe('print(html)')
  })

  it('sends a prompt without suffix raw, so it is continued rather than answered as chat', () => {
    for (const suffix of [undefined, null, '']) {
      const out = openAICompletionToOllamaGenerate(
        { model: 'm', prompt: 'import numpy as', suffix },
        'qwen2.5-coder',
      )
      expect(out).toEqual({
        model: 'qwen2.5-coder',
        prompt: 'import numpy as',
        raw: true,
        stream: false,
      })
    }
  })

  it('uses the first prompt of an array', () => {
    const out = openAICompletionToOllamaGenerate(
      { model: 'm', prompt: ['first', 'second'], suffix: 'end' },
      'x',
    )
    expect(out.prompt).toBe('first')
    expect(openAICompletionToOllamaGenerate({ model: 'm', prompt: [] }, 'x').prompt).toBe('')
  })
})

describe('ollamaGenerateToOpenAICompletion', () => {
  it('maps the documented suffix answer to a text completion with usage', () => {
    const out = ollamaGenerateToOpenAICompletion(
      {
        model: 'codellama:code',
        created_at: '2024-07-22T20:47:51.147561Z',
        response: '\n  if a == 0:\n    return b\n  else:\n    return compute_gcd(b % a, a)\n',
        done: true,
        done_reason: 'stop',
        context: [1, 2, 3],
        total_duration: 1162761250,
        prompt_eval_count: 17,
        eval_count: 63,
      },
      'autocomplete',
    )
    expect(out).toMatchObject({
      object: 'text_completion',
      model: 'autocomplete',
      created: Math.floor(Date.parse('2024-07-22T20:47:51.147Z') / 1000),
      choices: [
        {
          index: 0,
          text: '\n  if a == 0:\n    return b\n  else:\n    return compute_gcd(b % a, a)\n',
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 17, completion_tokens: 63, total_tokens: 80 },
    })
    expect(out.id).toMatch(/^cmpl-\w+$/)
  })

  it('reports length when generation hit num_predict', () => {
    const out = ollamaGenerateToOpenAICompletion(
      {
        model: 'm',
        created_at: '2024-01-01T00:00:00Z',
        response: 'for i in',
        done: true,
        done_reason: 'length',
        eval_count: 3,
      },
      'm',
    )
    expect(out.choices[0]?.finish_reason).toBe('length')
  })
})

const GENERATE_STREAM = [
  '{"model":"qwen2.5-coder:1.5b","created_at":"2024-07-22T20:47:51.1Z","response":"\\n  if a","done":false}',
  '{"model":"qwen2.5-coder:1.5b","created_at":"2024-07-22T20:47:51.2Z","response":" == 0:","done":false}',
  '{"model":"qwen2.5-coder:1.5b","created_at":"2024-07-22T20:47:51.3Z","response":"\\n    return b","done":false}',
  '{"model":"qwen2.5-coder:1.5b","created_at":"2024-07-22T20:47:51.4Z","response":"","done":true,"done_reason":"stop","context":[1,2,3],"total_duration":10706818083,"prompt_eval_count":17,"eval_count":9}',
]
  .map((l) => `${l}\n`)
  .join('')

function runStream(pieces: string[], includeUsage: boolean) {
  const parser = createNdjsonParser()
  const stream = createOllamaGenerateToOpenAICompletionStream({
    model: 'autocomplete',
    includeUsage,
  })
  const out: OllamaCompletionStreamOutput[] = []
  for (const p of pieces) {
    for (const obj of parser.push(p)) out.push(...stream.push(obj as OllamaGenerateStreamObject))
  }
  out.push(...stream.finish())
  return { out, stream }
}

function chunksOf(out: OllamaCompletionStreamOutput[]): OpenAICompletionChunk[] {
  return out.filter((o): o is OpenAICompletionChunk => !('error' in o))
}

describe('createOllamaGenerateToOpenAICompletionStream', () => {
  it('streams text chunks and ends with finish_reason', () => {
    const { out, stream } = runStream([GENERATE_STREAM], false)
    const chunks = chunksOf(out)
    expect(chunks).toHaveLength(out.length)
    expect(chunks.map((c) => c.choices[0]?.text).join('')).toBe('\n  if a == 0:\n    return b')
    expect(chunks.every((c) => c.object === 'text_completion' && c.model === 'autocomplete')).toBe(
      true,
    )
    expect(chunks.slice(0, -1).every((c) => c.choices[0]?.finish_reason === null)).toBe(true)
    expect(chunks.at(-1)?.choices[0]).toEqual({
      index: 0,
      text: '',
      finish_reason: 'stop',
      logprobs: null,
    })
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1)
    expect(chunks.every((c) => !('usage' in c))).toBe(true)
    expect(stream.usage()).toEqual({ input: 17, output: 9 })
  })

  it('adds a usage chunk with no choices only when usage was asked for', () => {
    const chunks = chunksOf(runStream([GENERATE_STREAM], true).out)
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 17, completion_tokens: 9, total_tokens: 26 },
    })
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true)
  })

  it('gives the same text wherever the upstream bytes were split', () => {
    const strip = (cs: OpenAICompletionChunk[]) => cs.map((c) => ({ ...c, id: 'X' }))
    const whole = strip(chunksOf(runStream([GENERATE_STREAM], true).out))
    for (let i = 1; i < GENERATE_STREAM.length; i++) {
      const split = runStream([GENERATE_STREAM.slice(0, i), GENERATE_STREAM.slice(i)], true).out
      expect(strip(chunksOf(split))).toEqual(whole)
    }
  })

  it('turns a mid-stream error line into an error item', () => {
    const body =
      '{"model":"gemma3","created_at":"2025-10-26T17:21:21.196249Z","response":" Yes","done":false}\n' +
      '{"error":"an error was encountered while running the model"}\n'
    const { out, stream } = runStream([body], true)
    expect(out).toHaveLength(2)
    expect(out[1]).toEqual({
      error: {
        message: 'Ollama failed mid-stream: an error was encountered while running the model',
        type: 'upstream_error',
        code: null,
      },
    })
    expect(stream.usage()).toBeNull()
  })

  it('finish() reports an error when Ollama never said done', () => {
    const { out } = runStream([GENERATE_STREAM.split('\n').slice(0, 2).join('\n') + '\n'], false)
    expect(out.at(-1)).toMatchObject({
      error: { message: expect.stringMatching(/before Ollama reported it done/) },
    })
  })
})

describe('ollamaErrorToOpenAI', () => {
  it('keeps Ollama’s message and marks a missing model', () => {
    const out = ollamaErrorToOpenAI(
      { error: "model 'llama3.3' not found, try pulling it first" },
      404,
    )
    expect(out).toEqual({
      error: {
        message: "Ollama returned HTTP 404: model 'llama3.3' not found, try pulling it first",
        type: 'not_found_error',
        code: 'model_not_found',
        param: null,
      },
    })
  })

  it('maps statuses to OpenAI error types', () => {
    const typeOf = (status: number) => ollamaErrorToOpenAI({ error: 'x' }, status).error.type
    expect(typeOf(400)).toBe('invalid_request_error')
    expect(typeOf(401)).toBe('authentication_error')
    expect(typeOf(403)).toBe('permission_error')
    expect(typeOf(429)).toBe('rate_limit_error')
    expect(typeOf(500)).toBe('upstream_error')
    expect(typeOf(502)).toBe('upstream_error')
  })

  it('reads a JSON body still in text form, and plain text bodies', () => {
    expect(
      ollamaErrorToOpenAI('{"error":"raw mode does not support template, system, or context"}', 400)
        .error.message,
    ).toBe('Ollama returned HTTP 400: raw mode does not support template, system, or context')
    const notFound = ollamaErrorToOpenAI('404 page not found\n', 404).error
    expect(notFound.message).toBe('Ollama returned HTTP 404: 404 page not found')
    expect(notFound.code).toBeNull()
    expect(
      ollamaErrorToOpenAI(new TextEncoder().encode('{"error":"boom"}'), 500).error.message,
    ).toBe('Ollama returned HTTP 500: boom')
  })

  it('survives garbage with a message that still says what happened', () => {
    for (const body of [undefined, null, 42, {}, { error: null }, [], '', '   ']) {
      const out = ollamaErrorToOpenAI(body, 500)
      expect(out.error.message).toBe(
        'Ollama returned HTTP 500 without an error message. Check the Ollama server log.',
      )
      expect(out.error.type).toBe('upstream_error')
    }
    const long = ollamaErrorToOpenAI(`<html>${'x'.repeat(5000)}</html>`, 502).error.message
    expect(long.length).toBeLessThan(600)
    expect(ollamaErrorToOpenAI({ error: { message: 'from a proxy' } }, 502).error.message).toBe(
      'Ollama returned HTTP 502: from a proxy',
    )
  })
})
