import { describe, expect, it } from 'vitest'
import { scanJson, spliceJson } from '../../src/main/core/mux/raw-json.ts'

const raw = (text: string) => scanJson(text, 512).raw
/** Splices `changes` into `text` as the upstream plan does: a spread of the parsed body. */
function splice(text: string, changes: Record<string, unknown>): string | null {
  const source = JSON.parse(text) as Record<string, unknown>
  const out = spliceJson(raw(text), source, { ...source, ...changes })
  return out
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

  it('returns the text unchanged when nothing changed', () => {
    const text = '{"model":"a"}'
    expect(splice(text, {})).toBe(text)
  })
})
