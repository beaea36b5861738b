import { describe, expect, it } from 'vitest'
import { ASK_CHAR_BUDGET, humanAsk } from '../../src/main/core/personas/human-ask.ts'

const ask = (content: string, files: string[] = []) =>
  humanAsk({ messages: [{ role: 'user', content }] }, files)

describe('humanAsk', () => {
  it('puts the person’s words before the pasted code, so the start of the ask is the question', () => {
    const code = '```ts src/app.tsx\n' + 'const x = 1\n'.repeat(40) + '```'
    const text = ask(`${code}\nWhy does this component render twice?`)
    expect(text.startsWith('Why does this component render twice?')).toBe(true)
    // The code's first lines stay, to show its language; the rest of the file does not.
    expect(text).toContain('```ts src/app.tsx\nconst x = 1')
    expect(text.split('const x = 1')).toHaveLength(6)
  })

  it('keeps the start of a long ask and the file names when cutting', () => {
    const question = 'Why is the checkout query slow since the last migration?'
    const text = ask(`${question}\n${'log line '.repeat(1_000)}`, ['db/orders.sql'])
    expect(text.length).toBeLessThanOrEqual(ASK_CHAR_BUDGET)
    expect(text.startsWith(question)).toBe(true)
    // Fenced, so the lexical engine weighs file names as context (ask-parts.ts).
    expect(text.endsWith('\n```files\ndb/orders.sql\n```')).toBe(true)
  })
})
