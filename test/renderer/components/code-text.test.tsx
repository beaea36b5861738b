// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { CodeText } from '../../../src/renderer/src/components/CodeText.tsx'
import { render, type Rendered } from './render.ts'

describe('CodeText', () => {
  let r: Rendered | undefined
  afterEach(() => r?.unmount())

  it('shows backticked commands as code, without the backticks', () => {
    r = render(<CodeText text="Run `ollama serve`; pull models with `ollama pull`." />)
    expect(r.container.textContent).toBe('Run ollama serve; pull models with ollama pull.')
    expect([...r.container.querySelectorAll('code')].map((c) => c.textContent)).toEqual([
      'ollama serve',
      'ollama pull',
    ])
  })

  it('leaves an unpaired backtick as written', () => {
    r = render(<CodeText text="a `b` c ` d" />)
    expect(r.container.textContent).toBe('a b c ` d')
    expect(r.container.querySelectorAll('code')).toHaveLength(1)
  })
})
