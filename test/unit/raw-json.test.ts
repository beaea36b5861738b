import { describe, expect, it } from 'vitest'
import { scanJson, spliceJson } from '../../src/main/core/mux/raw-json.ts'

/** A body as read from a request: its text and the UTF-8 bytes it was decoded from. */
const raw = (text: string, bytes: Buffer | null = Buffer.from(text)) =>
  scanJson(text, 512, bytes).raw
/** Splices `changes` into `text` as the upstream plan does: a spread of the parsed body. */
function splice(text: string, changes: Record<string, unknown>): string | null {
  const source = JSON.parse(text) as Record<string, unknown>
  const out = spliceJson(raw(text), source, { ...source, ...changes })
  return out && out.toString('utf8')
}

describe('scanJson', () => {
  it('finds the value span of each top-level member, nested and escaped ones skipped', () => {
    const text = '{ "model" : "a\\"b" , "messages":[{"model":"inner"}], "n": 1.50 ,"x\\u0041":{} }'
    const { members } = raw(text)
    const value = (key: string) => {
      const [start, end] = members!.get(key)!
      return text.slice(start, end)
    }
    expect([...members!.keys()]).toEqual(['model', 'messages', 'n', 'xA'])
    expect(value('model')).toBe('"a\\"b"')
    expect(value('messages')).toBe('[{"model":"inner"}]')
    expect(value('n')).toBe('1.50')
    expect(value('xA')).toBe('{}')
  })

  it('gives no spans for a repeated key or a body that is not an object', () => {
    expect(raw('{"model":"a","model":"b"}').members).toBeNull()
    expect(raw('[1,2]').members).toBeNull()
  })
})

describe('spliceJson', () => {
  it('replaces a changed member and keeps every other character as sent', () => {
    const text =
      '{"model":"switchboard", "temperature": 1.0,"messages":[{"role":"user","content":"hi"}]}'
    const out = splice(text, { model: 'gpt-4o' })
    expect(out).toBe(
      '{"model":"gpt-4o", "temperature": 1.0,"messages":[{"role":"user","content":"hi"}]}',
    )
  })

  it('splices text with characters outside ASCII where they are', () => {
    const text = '{"messages":[{"role":"user","content":"héllo 日本 🎉 \\"q\\""}],"model":"é"}'
    expect(splice(text, { model: 'gpt-4o' })).toBe(
      '{"messages":[{"role":"user","content":"héllo 日本 🎉 \\"q\\""}],"model":"gpt-4o"}',
    )
  })

  it('puts new members first, also into an empty object', () => {
    const out = splice('{"stream":true,"messages":[]}', {
      model: 'm',
      stream_options: { include_usage: true },
    })
    expect(JSON.parse(out!)).toEqual({
      model: 'm',
      stream_options: { include_usage: true },
      stream: true,
      messages: [],
    })
    expect(JSON.parse(splice('{}', { model: 'm' })!)).toEqual({ model: 'm' })
  })

  it('declines when a member is removed or the spans are unknown, so the body is serialised', () => {
    const text = '{"model":"a","max_tokens":5}'
    const source = JSON.parse(text) as Record<string, unknown>
    const { max_tokens: _, ...rest } = source
    expect(spliceJson(raw(text), source, rest)).toBeNull()
    expect(splice('{"model":"a","model":"b"}', { model: 'c' })).toBeNull()
  })

  it('returns the received bytes themselves when nothing changed', () => {
    const text = '{"model":"a"}'
    const bytes = Buffer.from(text)
    const source = JSON.parse(text) as Record<string, unknown>
    expect(spliceJson(raw(text, bytes), source, { ...source })).toBe(bytes)
  })

  it('copies the bytes around changes as received, whatever the characters before them', () => {
    const text =
      '{"system":"Claude Code 🤖 — “quoted” …","model":"claude-sonnet-4-5",' +
      '"messages":[{"role":"user","content":"日本 🎉"}],"max_tokens":64000,"stream":true}'
    const bytes = Buffer.from(text)
    const source = JSON.parse(text) as Record<string, unknown>
    // `model` is counted from the start, `max_tokens` (past the middle) from the end.
    const next = { ...source, model: 'qwen3-coder', max_tokens: 8192 }
    const out = spliceJson(raw(text, bytes), source, next)
    const expected = text.replace('claude-sonnet-4-5', 'qwen3-coder').replace('64000', '8192')
    expect(out).toEqual(Buffer.from(expected))
    // Without the received bytes the text is encoded: the same result.
    expect(spliceJson(raw(text, null), source, next)).toEqual(out)
  })

  it('splices a body that was not valid UTF-8 without shifting what follows', () => {
    /** The body with "model" set to "y", from the bytes as a request would bring them. */
    const setModel = (...pieces: (string | number[])[]) => {
      const bytes = Buffer.concat(pieces.map((p) => Buffer.from(p as string)))
      const text = bytes.toString('utf8')
      const source = JSON.parse(text) as Record<string, unknown>
      const out = spliceJson(raw(text, bytes), source, { ...source, model: 'y' })!
      expect(JSON.parse(out.toString('utf8'))).toEqual({ ...source, model: 'y' })
      return { out, text }
    }
    // 0xff alone decodes to one U+FFFD: still one character per byte, so it is kept as sent.
    const lone = setModel('{"note":"a', [0xff], 'b","model":"x","n":1}')
    expect(lone.out.includes(Buffer.from([0x61, 0xff, 0x62]))).toBe(true)
    // Beside a multi-byte character the offsets no longer line up: the text is encoded instead.
    const mixed = setModel('{"note":"é', [0xff], '","model":"x","n":1}')
    expect(mixed.out.toString('utf8')).toBe(mixed.text.replace('"x"', '"y"'))
  })
})
