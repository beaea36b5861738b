import { describe, expect, it } from 'vitest'
import { nestsDeeperThan } from '../../src/main/core/mux/read-body.ts'

const deeper = (text: string, limit: number) => nestsDeeperThan(text, limit)

describe('nestsDeeperThan', () => {
  it('counts arrays and objects inside each other', () => {
    expect(deeper('[[[]]]', 3)).toBe(false)
    expect(deeper('[[[[]]]]', 3)).toBe(true)
    expect(deeper('{"a":{"b":[{}]}}', 3)).toBe(true)
    expect(deeper('[[],[],[],[]]', 2)).toBe(false)
  })

  it('skips brackets inside strings, escaped quotes included', () => {
    expect(deeper('["[[[[[[", "{{{{"]', 1)).toBe(false)
    expect(deeper('["a\\"[[[[[", "b"]', 1)).toBe(false)
    // An escaped backslash before a quote ends the string; the brackets after it count.
    expect(deeper('["a\\\\", [[[]]]]', 3)).toBe(true)
    expect(deeper('"unterminated [[[[', 1)).toBe(false)
  })
})
