import type { Classification } from '../../../shared/activity.ts'
import type { Settings } from '../../../shared/schemas.ts'
import type { AffinityView } from './affinity-cache.ts'
import { withTimeout } from '../with-timeout.ts'
import { choosePersona, type AbstentionThresholds, type PersonaChoice } from './abstention.ts'
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
  abstained: null,
})

/** Each engine's own minimum score and margin (Settings); the generative engine abstains itself. */
export function engineThresholds(
  name: ClassifierEngine['name'],
  settings: Settings,
): AbstentionThresholds {
  if (name === 'lexical')
    return { minScore: settings.lexicalMinScore, minMargin: settings.lexicalMinMargin }
  if (name === 'embedding')
    return { minScore: settings.embeddingMinScore, minMargin: settings.embeddingMinMargin }
  return { minScore: 0, minMargin: 0 }
}

type ServingDeps = Pick<ClassifierDeps, 'lexical' | 'modelEngine' | 'settings'>

/** The engine requests are classified with right now: the configured model once ready, else lexical. */
export function servingEngine(deps: ServingDeps): ClassifierEngine {
  const settings = deps.settings()
  const model =
    settings.classifierEngine === 'lexical' ? null : deps.modelEngine(settings.classifierEngine)
  return model ?? deps.lexical
}

/**
 * Ranks personas with the serving engine: lexical alone when its choice clears the decisive margin
 * (cascade), else the model engine. Throws when the engine fails or times out.
 */
export async function rankWithCascade(
  deps: ServingDeps,
  text: string,
  personas: PersonaProfile[],
): Promise<{ engine: ClassifierEngine; scores: PersonaScore[]; choice: PersonaChoice }> {
  const settings = deps.settings()
  const nameOf = (id: string) => personas.find((p) => p.id === id)?.name ?? id
  const decide = (engine: ClassifierEngine, scores: PersonaScore[]) => ({
    engine,
    scores,
    choice: choosePersona(scores, engineThresholds(engine.name, settings), nameOf),
  })
  const engine = servingEngine(deps)
  if (engine !== deps.lexical && settings.classifierCascade) {
    const lexical = decide(
      deps.lexical,
      await runEngine(deps.lexical, text, personas, settings.classifierTimeoutMs),
    )
    const { best, margin } = lexical.choice
    if (best && margin !== null && margin >= settings.cascadeDecisiveMargin) return lexical
  }
  return decide(engine, await runEngine(engine, text, personas, settings.classifierTimeoutMs))
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
          abstained: null,
        }
      }
    }
    let ranked: Awaited<ReturnType<typeof rankWithCascade>>
    try {
      ranked = await rankWithCascade(deps, text, personas)
    } catch (err) {
      return none(performance.now() - startedAt, (err as Error).message)
    }
    const { engine, choice } = ranked
    const persona = choice.best && personas.find((p) => p.id === choice.best!.personaId)
    const result: Classification = {
      personaId: persona?.id ?? null,
      personaName: persona?.name ?? null,
      score: choice.top ? round(choice.top.score) : null,
      margin: choice.margin === null ? null : round(choice.margin),
      engine: engine.name,
      source: 'classifier',
      ms: performance.now() - startedAt,
      error: null,
      abstained: choice.abstained,
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
