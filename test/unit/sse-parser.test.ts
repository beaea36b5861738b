import { describe, expect, it } from 'vitest'
import { createSseParser, formatSse, type SseEvent } from '../../src/main/core/providers/sse.ts'

// The start of a streamed Anthropic message as the API sends it (streaming docs), with a
// non-ASCII token and a keep-alive comment.
const ANTHROPIC_STREAM = [
  'event: message_start',
  'data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1}}}',
  '',
  'event: ping',
  'data: {"type": "ping"}',
  '',
  ': keep-alive',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Grüße 🌤"}}',
  '',
  'event: message_stop',
  'data: {"type":"message_stop"}',
  '',
  '',
]

const EXPECTED: SseEvent[] = [
  { event: 'message_start', data: ANTHROPIC_STREAM[1]!.slice(6) },
  { event: 'ping', data: '{"type": "ping"}' },
  { event: 'content_block_delta', data: ANTHROPIC_STREAM[9]!.slice(6) },
  { event: 'message_stop', data: '{"type":"message_stop"}' },
]

function parseAll(pieces: string[]): SseEvent[] {
  const parser = createSseParser()
  const out: SseEvent[] = []
  for (const p of pieces) out.push(...parser.push(p))
  out.push(...parser.end())
  return out
}

/** Deterministic pseudo-random cut points, so a failure reproduces. */
function randomPieces(text: string, seed: number): string[] {
  const pieces: string[] = []
  let s = seed
  let i = 0
  while (i < text.length) {
    s = (s * 1103515245 + 12345) % 2147483648
    const n = 1 + (s % 17)
    pieces.push(text.slice(i, i + n))
    i += n
  }
  return pieces
}

describe('createSseParser', () => {
  it('parses named events, skipping comments', () => {
    expect(parseAll([ANTHROPIC_STREAM.join('\n')])).toEqual(EXPECTED)
  })

  it('treats \\r\\n and lone \\r as line ends', () => {
    expect(parseAll([ANTHROPIC_STREAM.join('\r\n')])).toEqual(EXPECTED)
    expect(parseAll([ANTHROPIC_STREAM.join('\r')])).toEqual(EXPECTED)
  })

  it('gives the same events wherever the text is split, including inside \\r\\n', () => {
    for (const sep of ['\n', '\r\n']) {
      const text = ANTHROPIC_STREAM.join(sep)
      for (let i = 1; i < text.length; i++) {
        expect(parseAll([text.slice(0, i), text.slice(i)])).toEqual(EXPECTED)
      }
      expect(parseAll([...text])).toEqual(EXPECTED)
      for (let seed = 1; seed <= 20; seed++)
        expect(parseAll(randomPieces(text, seed))).toEqual(EXPECTED)
    }
  })

  it('does not take a \\r\\n split across pushes for two line ends', () => {
    // Were the \n after a trailing \r read as a second (blank) line, "data: b" would be a
    // separate event instead of the second line of the first one.
    expect(parseAll(['data: a\r', '\ndata: b\r\n\r\n'])).toEqual([{ data: 'a\nb' }])
  })

  it('joins multi-line data with \\n and resets the event name after each event', () => {
    const text = 'event: a\ndata: one\ndata:two\ndata\n\ndata: plain\n\n'
    expect(parseAll([text])).toEqual([{ event: 'a', data: 'one\ntwo\n' }, { data: 'plain' }])
  })

  it('strips exactly one space after the colon', () => {
    expect(parseAll(['data:  two spaces\n\n'])).toEqual([{ data: ' two spaces' }])
  })

  it('ignores blank lines without data, id and retry fields, and unknown fields', () => {
    expect(parseAll(['\n\nid: 7\nretry: 100\nfoo: bar\n\nevent: x\n\ndata: y\n\n'])).toEqual([
      { data: 'y' },
    ])
  })

  it('returns nothing until the blank line that ends an event', () => {
    const parser = createSseParser()
    expect(parser.push('data: {"a":')).toEqual([])
    expect(parser.push('1}\n')).toEqual([])
    expect(parser.push('\n')).toEqual([{ data: '{"a":1}' }])
    expect(parser.end()).toEqual([])
  })

  it('delivers a last event the server closed without a blank line', () => {
    expect(parseAll(['data: {"a":1}\n\ndata: [DONE]'])).toEqual([
      { data: '{"a":1}' },
      { data: '[DONE]' },
    ])
    expect(parseAll(['data: [DONE]\n'])).toEqual([{ data: '[DONE]' }])
  })

  it('strips a byte-order mark at the start of the stream only', () => {
    expect(parseAll(['\uFEFFdata: a\n\n', 'data: \uFEFFb\n\n'])).toEqual([
      { data: 'a' },
      { data: '\uFEFFb' },
    ])
  })

  it('keeps a long data line assembled from many small pushes', () => {
    const payload = 'x'.repeat(200_000)
    const text = `data: ${payload}\n\n`
    const pieces = randomPieces(text, 3)
    expect(parseAll(pieces)).toEqual([{ data: payload }])
  })
})

describe('formatSse', () => {
  it('writes the event line, the data line and the blank line', () => {
    expect(formatSse('{"type":"ping"}', 'ping')).toBe('event: ping\ndata: {"type":"ping"}\n\n')
    expect(formatSse('[DONE]')).toBe('data: [DONE]\n\n')
  })

  it('splits multi-line data so the parser reads back the same text', () => {
    const data = 'line one\nline two\r\nline three'
    const text = formatSse(data, 'note')
    expect(text).toBe('event: note\ndata: line one\ndata: line two\ndata: line three\n\n')
    expect(parseAll([text])).toEqual([{ event: 'note', data: 'line one\nline two\nline three' }])
  })

  it('round-trips a sequence of JSON events through the parser', () => {
    const events = [
      { type: 'message_start', n: 1 },
      { type: 'content_block_delta', text: 'a: b\n\nc' },
    ]
    const text = events.map((e) => formatSse(JSON.stringify(e), e.type)).join('')
    const parsed = parseAll([text])
    expect(parsed.map((e) => e.event)).toEqual(['message_start', 'content_block_delta'])
    expect(parsed.map((e) => JSON.parse(e.data) as unknown)).toEqual(events)
  })
})
