import type { OperationOutput, ParsedInput } from '../../../shared/contract.ts'
import type { Settings } from '../../../shared/schemas.ts'
import { choosePersona } from './abstention.ts'
import { engineThresholds, rankWithCascade, servingEngine } from './classifier.ts'
import type { ClassifierEngine, PersonaProfile, PersonaScore } from './engine.ts'
import { humanAsk } from './human-ask.ts'

interface Deps {
  personas(): PersonaProfile[]
  lexical: ClassifierEngine
  modelEngine(name: 'embedding' | 'generative'): ClassifierEngine | null
  settings(): Settings
}

type Output = OperationOutput<'testPersonas'>

/**
 * Every persona's score for a typed prompt: the "try it" box of the personas page. By default it
 * classifies exactly as routing would now (serving engine, cascade, thresholds) but never touches
 * routing state such as a conversation's remembered persona.
 */
export function createPersonaTester(deps: Deps) {
  return async (input: ParsedInput<'testPersonas'>): Promise<Output> => {
    const personas = deps.personas()
    // The mux classifies the human ask of a request; a typed prompt is one user turn.
    const text = humanAsk({ messages: [{ role: 'user', content: input.prompt }] }, [])
    const nameOf = (id: string) => personas.find((p) => p.id === id)?.name ?? id
    const startedAt = performance.now()
    const failed = (engine: Output['engine'], error: string): Output => ({
      engine,
      ms: performance.now() - startedAt,
      scores: [],
      personaId: null,
      abstained: null,
      error,
    })
    if (input.engine) {
      const engine = input.engine === 'lexical' ? deps.lexical : deps.modelEngine(input.engine)
      if (!engine) {
        return failed(
          input.engine,
          `No ${input.engine} model is ready. Download or choose one under Classifier models; the lexical engine serves meanwhile.`,
        )
      }
      try {
        const scores = await engine.classify(text, personas)
        const choice = choosePersona(scores, engineThresholds(engine.name, deps.settings()), nameOf)
        return answer(engine.name, scores, choice.best?.personaId ?? null, choice.abstained)
      } catch (err) {
        return failed(engine.name, (err as Error).message)
      }
    }
    try {
      const { engine, scores, choice } = await rankWithCascade(deps, text, personas)
      return answer(engine.name, scores, choice.best?.personaId ?? null, choice.abstained)
    } catch (err) {
      return failed(servingEngine(deps).name, (err as Error).message)
    }

    function answer(
      engine: Output['engine'],
      ranked: PersonaScore[],
      personaId: string | null,
      abstained: string | null,
    ): Output {
      const byId = new Map(ranked.map((r) => [r.personaId, r.score]))
      const scores = personas
        .map((p) => ({
          personaId: p.id,
          name: p.name,
          score: Math.round((byId.get(p.id) ?? 0) * 10_000) / 10_000,
        }))
        .sort((a, b) => b.score - a.score)
      return {
        engine,
        ms: performance.now() - startedAt,
        scores,
        personaId,
        abstained,
        error: null,
      }
    }
  }
}
