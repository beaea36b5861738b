// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Api } from '../../../src/shared/contract.ts'
import type { Persona } from '../../../src/shared/schemas.ts'
import { setTransport } from '../../../src/renderer/src/api.ts'
import { PersonaExamples } from '../../../src/renderer/src/components/PersonaExamples.tsx'
import { usePersonas } from '../../../src/renderer/src/stores/personas.ts'
import { byLabel, clickAndSettle, render, type Rendered } from './render.ts'

const requestAt = '2025-05-01T14:02:00.000Z'
const performance: Persona = {
  id: 'performance',
  name: 'Performance',
  description: 'Finds why software is slow.',
  examples: ['profile this hot loop'],
  learnedExamples: [
    {
      id: 41,
      text: 'The product list page takes four seconds to show up',
      source: 'request',
      requestId: 7,
      requestAt,
      createdAt: requestAt,
    },
    {
      id: 42,
      text: 'why is the build slow',
      source: 'tester',
      requestId: null,
      requestAt: null,
      createdAt: requestAt,
    },
  ],
  accuracy: { checked: 12, right: 10, missed: 3 },
  createdAt: '',
  updatedAt: '',
}

function fakeApi() {
  const without = (p: Persona, id: number) => ({
    ...p,
    learnedExamples: p.learnedExamples.filter((e) => e.id !== id),
  })
  const api = {
    removePersonaExample: vi.fn(async ({ exampleId }: { exampleId: number }) =>
      without(performance, exampleId),
    ),
    updatePersona: vi.fn(async (input: { examples: string[] }) => ({
      persona: { ...performance, examples: input.examples },
      warnings: [],
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

describe('PersonaExamples', () => {
  let r: Rendered
  afterEach(() => {
    r.unmount()
    setTransport(null)
  })

  const items = () =>
    [...byLabel(r.container, 'Examples of Performance').querySelectorAll('li')].map(
      (li) => li.querySelector('.muted')!.textContent,
    )

  it('lists typed and learned examples with where they came from, and the accuracy', () => {
    fakeApi()
    usePersonas.setState({ personas: [performance] })
    r = render(<PersonaExamples persona={performance} />)
    expect(r.container.querySelector('summary')!.textContent).toBe(
      '3 example prompts (2 from corrections) · 12 checked, 10 right · 3 missed',
    )
    const at = new Date(requestAt).toLocaleTimeString()
    expect(items()).toEqual([
      'typed',
      `corrected from a request at ${at}`,
      `corrected in the test box at ${at}`,
    ])
  })

  it('removes a learned example through the API and a typed one by editing the persona', async () => {
    const api = fakeApi()
    usePersonas.setState({ personas: [performance] })
    r = render(<PersonaExamples persona={performance} />)
    await clickAndSettle(
      byLabel(r.container, 'Remove example “The product list page takes four seconds to show up”'),
    )
    expect(api.removePersonaExample).toHaveBeenCalledWith({ id: 'performance', exampleId: 41 })
    expect(usePersonas.getState().personas[0]!.learnedExamples.map((e) => e.id)).toEqual([42])

    await clickAndSettle(byLabel(r.container, 'Remove example “profile this hot loop”'))
    expect(api.updatePersona).toHaveBeenCalledWith({ id: 'performance', examples: [] })
  })

  it('says when nothing was checked yet', () => {
    fakeApi()
    const fresh = { ...performance, examples: [], learnedExamples: [] }
    fresh.accuracy = { checked: 0, right: 0, missed: 0 }
    r = render(<PersonaExamples persona={fresh} />)
    expect(r.container.querySelector('summary')!.textContent).toBe(
      '0 example prompts · no decisions checked yet',
    )
  })
})
