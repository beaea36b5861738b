import { describe, expect, it } from 'vitest'
import { createNdjsonParser } from '../../src/main/core/providers/ndjson.ts'

// A streamed /api/chat answer as Ollama sends it (docs/api.md), with a non-ASCII token.
const STREAM = [
  '{"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"The","images":null},"done":false}',
  '{"model":"llama3.2","created_at":"2023-08-04T08:52:19.485406455-07:00","message":{"role":"assistant","content":" sky 🌤 é"},"done":false}',
  '{"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":26,"eval_count":282}',
]
  .map((l) => `${l}\n`)
  .join('')

function parseAll(pieces: string[]): unknown[] {
  const parser = createNdjsonParser()
  const out: unknown[] = []
  for (const p of pieces) out.push(...parser.push(p))
  out.push(...parser.end())
  return out
}

describe('createNdjsonParser', () => {
  it('parses every line of a chunk', () => {
    const objs = parseAll([STREAM]) as { message: { content: string }; done: boolean }[]
    expect(objs.map((o) => o.message.content)).toEqual(['The', ' sky 🌤 é', ''])
    expect(objs[2]?.done).toBe(true)
  })

  it('gives the same objects wherever the text is split', () => {
    const whole = parseAll([STREAM])
    for (let i = 1; i < STREAM.length; i++) {
      expect(parseAll([STREAM.slice(0, i), STREAM.slice(i)])).toEqual(whole)
    }
    // And one character at a time.
    expect(parseAll([...STREAM])).toEqual(whole)
  })

  it('returns nothing until a line is complete', () => {
    const parser = createNdjsonParser()
    expect(parser.push('{"done":')).toEqual([])
    expect(parser.push('false}')).toEqual([])
    expect(parser.push('\n{"done":true}')).toEqual([{ done: false }])
    expect(parser.end()).toEqual([{ done: true }])
  })

  it('skips blank lines and tolerates CRLF', () => {
    expect(parseAll(['\n{"a":1}\r\n\r\n   \n{"a":2}\n\n'])).toEqual([{ a: 1 }, { a: 2 }])
  })

  it('flushes a final line without newline only at end()', () => {
    const parser = createNdjsonParser()
    expect(parser.push('{"error":"an error was encountered while running the model"}')).toEqual([])
    expect(parser.end()).toEqual([{ error: 'an error was encountered while running the model' }])
    expect(parser.end()).toEqual([])
  })

  it('throws a clear error naming the malformed line', () => {
    const parser = createNdjsonParser()
    expect(() => parser.push('{"ok":true}\n<html>502 Bad Gateway</html>\n')).toThrow(
      /Malformed NDJSON at line 2: .*<html>502 Bad Gateway<\/html>/,
    )
  })

  it('throws at end() on a truncated last line', () => {
    const parser = createNdjsonParser()
    parser.push('{"model":"llama3.2","done":fa')
    expect(() => parser.end()).toThrow(/Malformed NDJSON/)
  })
})
