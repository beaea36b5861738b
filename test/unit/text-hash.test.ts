import { describe, expect, it } from 'vitest'
import { TextHash } from '../../src/main/core/routing/text-hash.ts'

const digest = (...parts: string[]) => parts.reduce((h, p) => h.add(p), new TextHash()).digest()

describe('TextHash', () => {
  it('gives the same digest for the same pieces, and a different one when a piece changes', () => {
    expect(digest('workspace', 'Why does this leak?')).toBe(
      digest('workspace', 'Why does this leak?'),
    )
    expect(digest('workspace', 'Why does this leak?')).not.toBe(
      digest('workspace', 'Why does this leek?'),
    )
  })

  it('keeps piece boundaries: moving text from one piece to the next changes the digest', () => {
    expect(digest('ab', 'c')).not.toBe(digest('a', 'bc'))
    expect(digest('abc', '')).not.toBe(digest('', 'abc'))
    expect(digest('abc')).not.toBe(digest('abc', ''))
  })

  it('hashes a range of a text as that slice', () => {
    const text = 'system prompt that goes on and on'
    expect(new TextHash().add(text, 0, 13).digest()).toBe(digest(text.slice(0, 13)))
    // Odd and even lengths take different paths through the word loop.
    expect(new TextHash().add(text, 1, 14).digest()).toBe(digest(text.slice(1, 14)))
  })

  it('tells apart 200,000 similar texts without a collision', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200_000; i++) seen.add(digest(`user\u0000fix the bug in file${i}.ts`, 'x'))
    expect(seen.size).toBe(200_000)
  })

  it('tells apart texts that differ only in a non-Latin character', () => {
    expect(digest('héllo')).not.toBe(digest('hèllo'))
    expect(digest('日本')).not.toBe(digest('本日'))
  })
})
