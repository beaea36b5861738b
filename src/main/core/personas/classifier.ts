import type { Classification } from '../../../shared/activity.ts'
import type { Settings } from '../../../shared/schemas.ts'
import type { AffinityView } from './affinity-cache.ts'
import { withTimeout } from '../with-timeout.ts'
import type { ClassifierEngine, PersonaProfile, PersonaScore } from './engine.ts'

export interface ClassifierDeps {
  personas(): PersonaProfile[]
  lexical: ClassifierEngine
  /** The model engine for a name, or null while its model is not ready. */
  modelEngine(name: 'embedding' | 'generative'): ClassifierEngine | null
  settings(): Settings
  affinity: AffinityView
}

const none = (ms: number, error: string | null = null): Classification => ({
  personaId: null,
  personaName: null,
  score: null,
  margin: null,
  engine: 'none',
  source: 'classifier',
  ms,
  error,
})

function top(scores: PersonaScore[]): { best: PersonaScore | undefined; margin: number | null } {
  const [best, second] = scores
  return { best, margin: best ? best.score - (second?.score ?? 0) : null }
}

/** Runs an engine under the timeout; a failure or timeout becomes an error, never a thrown request. */
function runEngine(
  engine: ClassifierEngine,
  text: string,
  personas: PersonaProfile[],
  timeoutMs: number,
): Promise<PersonaScore[]> {
  return withTimeout(
    (signal) => engine.classify(text, personas, signal),
    timeoutMs,
    `the ${engine.name} classifier took longer than ${timeoutMs} ms`,
  )
}

/**
 * The persona classifier: conversation affinity first, then lexical when it is decisive (cascade),
 * else the configured model engine; lexical serves alone while no model is ready.
 */
export function createClassifier(deps: ClassifierDeps) {
  return async function classify(
    text: string,
    conversation: string | null,
  ): Promise<Classification> {
    const startedAt = performance.now()
    const settings = deps.settings()
    const personas = deps.personas()
    if (personas.length === 0) return none(0)
    if (settings.personaAffinity && conversation) {
      const remembered = deps.affinity.get(conversation)
      const persona = remembered && personas.find((p) => p.id === remembered.personaId)
      if (remembered && persona) {
        return {
          personaId: persona.id,
          personaName: persona.name,
          score: remembered.score,
          margin: remembered.margin,
          engine: remembered.engine as Classification['engine'],
          source: 'affinity',
          ms: performance.now() - startedAt,
          error: null,
        }
      }
    }
    const model =
      settings.classifierEngine === 'lexical' ? null : deps.modelEngine(settings.classifierEngine)
    let engine = model ?? deps.lexical
    let scores: PersonaScore[]
    try {
      if (model && settings.classifierCascade) {
        const lexical = await runEngine(deps.lexical, text, personas, settings.classifierTimeoutMs)
        const { margin } = top(lexical)
        if (margin !== null && margin >= settings.cascadeDecisiveMargin) {
          engine = deps.lexical
          scores = lexical
        } else scores = await runEngine(model, text, personas, settings.classifierTimeoutMs)
      } else scores = await runEngine(engine, text, personas, settings.classifierTimeoutMs)
    } catch (err) {
      return none(performance.now() - startedAt, (err as Error).message)
    }
    const { best, margin } = top(scores)
    const persona = best && personas.find((p) => p.id === best.personaId)
    const result: Classification = {
      personaId: persona?.id ?? null,
      personaName: persona?.name ?? null,
      score: best ? round(best.score) : null,
      margin: margin === null ? null : round(margin),
      engine: engine.name,
      source: 'classifier',
      ms: performance.now() - startedAt,
      error: null,
    }
    if (persona && conversation && settings.personaAffinity) {
      deps.affinity.set(conversation, {
        personaId: persona.id,
        score: result.score!,
        margin: result.margin!,
        engine: engine.name,
      })
    }
    return result
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000

export type Classify = ReturnType<typeof createClassifier>
