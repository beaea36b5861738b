import type { OperationOutput, ParsedInput } from '../../../shared/contract.ts'
import type { Settings } from '../../../shared/schemas.ts'
import type { ClassifierEngine, PersonaProfile } from './engine.ts'

interface Deps {
  personas(): PersonaProfile[]
  lexical: ClassifierEngine
  modelEngine(name: 'embedding' | 'generative'): ClassifierEngine | null
  settings(): Settings
}

/** Every persona's score for a typed prompt, from one engine: the "try it" box of the personas page. */
export function createPersonaTester(deps: Deps) {
  return async (input: ParsedInput<'testPersonas'>): Promise<OperationOutput<'testPersonas'>> => {
    const name = input.engine ?? deps.settings().classifierEngine
    const engine = name === 'lexical' ? deps.lexical : deps.modelEngine(name)
    const personas = deps.personas()
    if (!engine) {
      return {
        engine: name,
        ms: 0,
        scores: [],
        error: `No ${name} model is ready. Download or choose one under Classifier models; the lexical engine serves meanwhile.`,
      }
    }
    const startedAt = performance.now()
    try {
      const ranked = await engine.classify(input.prompt, personas)
      const byId = new Map(ranked.map((r) => [r.personaId, r.score]))
      const scores = personas
        .map((p) => ({
          personaId: p.id,
          name: p.name,
          score: Math.round((byId.get(p.id) ?? 0) * 10_000) / 10_000,
        }))
        .sort((a, b) => b.score - a.score)
      return { engine: name, ms: performance.now() - startedAt, scores, error: null }
    } catch (err) {
      return {
        engine: name,
        ms: performance.now() - startedAt,
        scores: [],
        error: (err as Error).message,
      }
    }
  }
}
