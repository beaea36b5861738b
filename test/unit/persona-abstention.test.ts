import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../src/shared/schemas.ts'
import { choosePersona } from '../../src/main/core/personas/abstention.ts'
import { engineThresholds } from '../../src/main/core/personas/classifier.ts'
import { humanAsk } from '../../src/main/core/personas/human-ask.ts'
import { createLexicalEngine } from '../../src/main/core/personas/lexical-engine.ts'
import { fixture, loadPersonas } from '../../bench/persona-sets.ts'

const personas = loadPersonas(fixture('long/personas-six.json'))
const engine = createLexicalEngine()
const lexical = engineThresholds('lexical', defaultSettings)
const classify = (prompt: string) => {
  const text = humanAsk({ messages: [{ role: 'user', content: prompt }] }, [])
  return choosePersona(engine.rank(text, personas).scores, lexical)
}

describe('abstention', () => {
  it('gives a clearly off-topic prompt no persona, with a reason', () => {
    for (const prompt of [
      'Write a short poem for my grandmother’s 90th birthday, she loves her roses and her cat.',
      'In Unity, my character falls through the floor when moving fast. It has a Rigidbody.',
      'Write a bash one-liner that renames all .jpeg files in a folder to .jpg.',
    ]) {
      const choice = classify(prompt)
      expect(choice.best, prompt).toBeUndefined()
      expect(choice.abstained, prompt).toMatch(/no persona scored|below/)
    }
  })

  it('names the persona of an on-topic question', () => {
    const choice = classify(
      'Pods restart with exit code 137 (OOMKilled) after the Kubernetes upgrade. What limits should I set?',
    )
    expect(choice).toMatchObject({ best: { personaId: 'devops' }, abstained: null })
  })

  it('turns a weak winner into no persona, saying which score missed which minimum', () => {
    const weak = [
      { personaId: 'data', score: 0.12 },
      { personaId: 'backend', score: 0.05 },
    ]
    const choice = choosePersona(weak, { minScore: 0.3, minMargin: 0 }, (id) => id.toUpperCase())
    expect(choice.best).toBeUndefined()
    expect(choice.top).toEqual(weak[0])
    expect(choice.abstained).toBe('score 0.12 for DATA below 0.30')
  })

  it('turns a near tie into no persona when a minimum margin is set', () => {
    const tie = [
      { personaId: 'data', score: 0.41 },
      { personaId: 'ml', score: 0.39 },
    ]
    expect(choosePersona(tie, { minScore: 0.2, minMargin: 0.05 }).abstained).toBe(
      'data leads ml by 0.02, below 0.05',
    )
    expect(choosePersona(tie, { minScore: 0.2, minMargin: 0.01 }).best).toEqual(tie[0])
  })

  it('says so when nothing scored', () => {
    expect(choosePersona([], lexical)).toMatchObject({
      best: undefined,
      abstained: 'no persona scored',
    })
  })
})
