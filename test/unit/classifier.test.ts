import { describe, expect, it } from 'vitest'
import { defaultSettings, type Settings } from '../../src/shared/schemas.ts'
import { createAffinityCache } from '../../src/main/core/personas/affinity-cache.ts'
import { createClassifier } from '../../src/main/core/personas/classifier.ts'
import type { ClassifierEngine, PersonaScore } from '../../src/main/core/personas/engine.ts'

const personas = [
  { id: 'a', name: 'A', description: 'a', examples: [] },
  { id: 'b', name: 'B', description: 'b', examples: [] },
]

function engine(
  name: ClassifierEngine['name'],
  answer: PersonaScore[] | 'hang' | 'throw',
): ClassifierEngine & { calls: number } {
  return {
    name,
    calls: 0,
    classify(_text, _personas, signal) {
      this.calls++
      if (answer === 'throw') return Promise.reject(new Error('model crashed'))
      if (answer === 'hang')
        return new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        )
      return Promise.resolve(answer)
    },
  }
}

function classifier(
  lexical: ClassifierEngine,
  model: ClassifierEngine | null,
  settings: Partial<Settings> = {},
) {
  return createClassifier({
    personas: () => personas,
    lexical,
    modelEngine: () => model,
    settings: () => ({ ...defaultSettings, ...settings }),
    affinity: createAffinityCache(),
  })
}

describe('the persona classifier', () => {
  it('uses lexical alone when it is decisive (cascade), the model otherwise', async () => {
    const model = engine('embedding', [{ personaId: 'b', score: 0.9 }])
    const decisive = classifier(
      engine('lexical', [
        { personaId: 'a', score: 0.8 },
        { personaId: 'b', score: 0.1 },
      ]),
      model,
    )
    expect(await decisive('x', null)).toMatchObject({
      personaId: 'a',
      engine: 'lexical',
      margin: 0.7,
    })
    expect(model.calls).toBe(0)
    const unsure = classifier(
      engine('lexical', [
        { personaId: 'a', score: 0.4 },
        { personaId: 'b', score: 0.35 },
      ]),
      model,
    )
    expect(await unsure('x', null)).toMatchObject({ personaId: 'b', engine: 'embedding' })
  })

  it('abstains with a reason when the winner is weak, and remembers nothing for the conversation', async () => {
    const lexical = engine('lexical', [
      { personaId: 'a', score: 0.1 },
      { personaId: 'b', score: 0.02 },
    ])
    const c = classifier(lexical, null, { lexicalMinScore: 0.16 })
    expect(await c('x', 'conversation-1')).toMatchObject({
      personaId: null,
      engine: 'lexical',
      score: 0.1,
      abstained: 'score 0.10 for A below 0.16',
    })
    expect(await c('x', 'conversation-1')).toMatchObject({ source: 'classifier', personaId: null })
    expect(lexical.calls).toBe(2)
  })

  it('lets the model answer when lexical abstains, even with a large margin', async () => {
    const model = engine('embedding', [{ personaId: 'b', score: 0.9 }])
    const weak = engine('lexical', [{ personaId: 'a', score: 0.12 }])
    const c = classifier(weak, model, { lexicalMinScore: 0.16 })
    expect(await c('x', null)).toMatchObject({ personaId: 'b', engine: 'embedding' })
  })

  it('serves with lexical while no model is ready', async () => {
    const c = classifier(engine('lexical', [{ personaId: 'b', score: 0.2 }]), null)
    expect(await c('x', null)).toMatchObject({ personaId: 'b', engine: 'lexical' })
  })

  it('turns a timeout or a failure into "skip the persona rules", never an exception', async () => {
    const hung = classifier(engine('lexical', []), engine('embedding', 'hang'), {
      classifierTimeoutMs: 20,
      classifierCascade: false,
    })
    const timedOut = await hung('x', null)
    expect(timedOut).toMatchObject({
      personaId: null,
      error: 'the embedding classifier took longer than 20 ms',
    })
    const crashed = classifier(engine('lexical', []), engine('generative', 'throw'), {
      classifierEngine: 'generative',
      classifierCascade: false,
    })
    expect((await crashed('x', null)).error).toBe('model crashed')
  })

  it('remembers a conversation persona and answers from memory', async () => {
    const lexical = engine('lexical', [{ personaId: 'a', score: 0.9 }])
    const c = classifier(lexical, null)
    await c('first', 'conv-1')
    const again = await c('something else entirely', 'conv-1')
    expect(again).toMatchObject({ personaId: 'a', source: 'affinity' })
    expect(lexical.calls).toBe(1)
    expect(again.ms).toBeLessThan(1)
  })
})
