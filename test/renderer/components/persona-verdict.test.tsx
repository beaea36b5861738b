// @vitest-environment happy-dom
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Api } from '../../../src/shared/contract.ts'
import type { Persona } from '../../../src/shared/schemas.ts'
import { setTransport } from '../../../src/renderer/src/api.ts'
import { PersonaVerdict } from '../../../src/renderer/src/components/PersonaVerdict.tsx'
import { usePersonas } from '../../../src/renderer/src/stores/personas.ts'
import { byLabel, clickAndSettle, render, type Rendered } from './render.ts'

const persona = (id: string, name: string): Persona => ({
  id,
  name,
  description: `${name} work of every kind.`,
  examples: [],
  learnedExamples: [],
  accuracy: { checked: 0, right: 0, missed: 0 },
  createdAt: '',
  updatedAt: '',
})

function fakeApi(ask: string | null) {
  const api = {
    getRequestAsk: vi.fn(async ({ requestId }: { requestId: number }) => ({
      requestId,
      text: ask,
    })),
    correctPersonaDecision: vi.fn(async (input: { verdict: 'right' | 'wrong' }) => ({
      verdict: input.verdict,
      requestId: 7,
      classifiedPersonaId: 'frontend',
      personaId: 'performance',
      example: null,
      askAvailable: ask !== null,
      message:
        ask === null
          ? 'Marked wrong. The text of this request is no longer available; add an example by hand.'
          : 'Marked wrong. The ask is now an example of "Performance".',
    })),
  }
  setTransport({
    kind: 'http',
    api: api as unknown as Api,
    onEvent: () => () => {},
    onLink: () => () => {},
    close() {},
  })
  return api
}

const buttons = (root: HTMLElement) =>
  [...root.querySelectorAll('button')].map((b) => b.textContent)
const button = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === text)!
const settle = () => act(async () => {})

describe('PersonaVerdict', () => {
  let r: Rendered
  beforeEach(() => {
    usePersonas.setState({
      personas: [persona('frontend', 'Frontend'), persona('performance', 'Performance')],
    })
  })
  afterEach(() => {
    r.unmount()
    setTransport(null)
  })

  it('marks a request wrong and sends the persona the user picks', async () => {
    const api = fakeApi('the page is slow')
    r = render(<PersonaVerdict requestId={7} chosen={{ id: 'frontend', name: 'Frontend' }} />)
    await settle()
    expect(r.container.textContent).toContain('Was “Frontend” the right persona?')
    expect(buttons(r.container)).toEqual(['Right', 'Wrong'])

    await clickAndSettle(button(r.container, 'Wrong'))
    const select = byLabel(r.container, 'The right persona').querySelector('select')!
    expect([...select.options].map((o) => o.textContent)).toEqual(['Performance', 'None of them'])
    await clickAndSettle(button(r.container, 'Save'))
    expect(api.correctPersonaDecision).toHaveBeenCalledWith({
      requestId: 7,
      verdict: 'wrong',
      personaId: 'performance',
    })
    expect(r.container.textContent).toContain('now an example of "Performance"')
  })

  it('marks a decision right with the persona the classifier chose', async () => {
    const api = fakeApi('center a div')
    r = render(<PersonaVerdict requestId={8} chosen={{ id: 'frontend', name: 'Frontend' }} />)
    await clickAndSettle(button(r.container, 'Right'))
    expect(api.correctPersonaDecision).toHaveBeenCalledWith({
      requestId: 8,
      verdict: 'right',
      personaId: 'frontend',
    })
  })

  it('says when the text of a request is gone, before and after the verdict', async () => {
    fakeApi(null)
    r = render(<PersonaVerdict requestId={9} chosen={{ id: 'frontend', name: 'Frontend' }} />)
    await settle()
    expect(r.container.textContent).toContain(
      'The text of this request is no longer available; add an example by hand',
    )
    await clickAndSettle(button(r.container, 'Wrong'))
    await clickAndSettle(button(r.container, 'Save'))
    expect(r.container.querySelector('.alert.warn')?.textContent).toMatch(/no longer available/)
  })

  it('in the test box, teaches the prompt to a persona when none was recognised', async () => {
    const api = fakeApi(null)
    r = render(<PersonaVerdict text="profile this loop" chosen={null} />)
    expect(api.getRequestAsk).not.toHaveBeenCalled()
    expect(buttons(r.container)).toEqual(['It was one of them'])
    await clickAndSettle(button(r.container, 'It was one of them'))
    const select = byLabel(r.container, 'The right persona').querySelector('select')!
    expect([...select.options].map((o) => o.value)).toEqual(['frontend', 'performance'])
    act(() => {
      select.value = 'performance'
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await clickAndSettle(button(r.container, 'Save'))
    expect(api.correctPersonaDecision).toHaveBeenCalledWith({
      text: 'profile this loop',
      verdict: 'wrong',
      personaId: 'performance',
    })
  })
})
