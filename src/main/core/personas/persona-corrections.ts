import type { RequestLogEntry } from '../../../shared/activity.ts'
import type { OperationOutput, ParsedInput } from '../../../shared/contract.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { Persona } from '../../../shared/schemas.ts'
import type { NewLearnedExample, PersonaRepo } from '../db/persona-repo.ts'
import { ASK_CHAR_BUDGET } from './human-ask.ts'
import type { PersonaService } from './persona-service.ts'
import type { RecentAsks } from './recent-asks.ts'

interface Deps {
  repo: PersonaRepo
  personas: Pick<PersonaService, 'get' | 'exists' | 'publishChange'>
  asks: Pick<RecentAsks, 'get'>
  /** A logged request by id (undefined once pruned or cleared). */
  request(id: number): RequestLogEntry | undefined
}

type Correction = OperationOutput<'correctPersonaDecision'>

export const ASK_GONE =
  'The text of this request is no longer available; add an example by hand (Switchboard keeps the text of the last 1,000 requests for 24 hours, in memory only).'

/**
 * Learning from corrections: the user marks a persona decision right or wrong, the ask becomes an
 * example of the right persona (read by every engine from the next request on), and the verdict
 * counts towards that persona's accuracy.
 */
export function createPersonaCorrections(deps: Deps) {
  const { repo, personas } = deps

  function requirePersona(id: string, param: string): Persona {
    if (!personas.exists(id)) {
      throw new SwitchboardError(
        'not_found',
        `No persona with id "${id}". List personas with GET /api/v1/personas.`,
        { param },
      )
    }
    return personas.get(id)
  }

  /** Adds the ask as a learned example unless the persona already has it word for word. */
  function learn(persona: Persona, example: NewLearnedExample) {
    const text = example.text.trim().slice(-ASK_CHAR_BUDGET)
    const known = persona.learnedExamples.find((e) => e.text === text)
    if (known) return { example: known, fresh: false }
    if (persona.examples.includes(text)) return { example: null, fresh: false }
    return { example: repo.addLearned(persona.id, { ...example, text }), fresh: true }
  }

  function fromRequest(input: ParsedInput<'correctPersonaDecision'>, requestId: number) {
    const entry = deps.request(requestId)
    if (!entry) {
      throw new SwitchboardError(
        'not_found',
        `No logged request with id ${requestId}: it was pruned or the log was cleared. List requests with GET /api/v1/requests.`,
        { param: 'requestId' },
      )
    }
    const c = entry.classification
    if (!c) {
      throw new SwitchboardError(
        'conflict',
        `Request ${requestId} was routed without the persona classifier (no persona rule was reached), so there is no persona decision to correct.`,
        { param: 'requestId' },
      )
    }
    const classified = c.personaId
    if (
      input.verdict === 'right' &&
      input.personaId !== undefined &&
      input.personaId !== classified
    ) {
      throw new SwitchboardError(
        'invalid_request',
        `The classifier chose ${classified ? `"${classified}"` : 'no persona'} for request ${requestId}; to say another persona is right, send verdict "wrong" with that personaId.`,
        { param: 'personaId' },
      )
    }
    const right = input.verdict === 'right' ? classified : input.personaId!
    if (input.verdict === 'wrong' && right === classified) {
      throw new SwitchboardError(
        'invalid_request',
        `The classifier chose ${classified ? `"${classified}"` : 'no persona'} for request ${requestId}: marking it wrong needs another persona (or null for none of them).`,
        { param: 'personaId' },
      )
    }
    const persona = right === null ? null : requirePersona(right, 'personaId')
    repo.recordCorrection({
      requestId,
      classifiedPersonaId: classified,
      rightPersonaId: right,
      verdict: input.verdict,
    })
    const ask = deps.asks.get(requestId)
    const learned =
      persona && ask
        ? learn(persona, { text: ask, source: 'request', requestId, requestAt: entry.at })
        : null
    personas.publishChange()
    return {
      verdict: input.verdict,
      requestId,
      classifiedPersonaId: classified,
      personaId: right,
      example: learned?.example ?? null,
      askAvailable: ask !== undefined,
      message: describe(input.verdict, persona, learned, ask !== undefined),
    }
  }

  function fromText(input: ParsedInput<'correctPersonaDecision'>, text: string): Correction {
    const persona = requirePersona(input.personaId!, 'personaId')
    const learned = learn(persona, { text, source: 'tester', requestId: null, requestAt: null })
    if (learned.fresh) personas.publishChange()
    return {
      verdict: input.verdict,
      requestId: null,
      classifiedPersonaId: null,
      personaId: persona.id,
      example: learned.example,
      askAvailable: true,
      message: describe(input.verdict, persona, learned, true),
    }
  }

  return {
    /** Records a verdict on a persona decision and learns the ask as an example of the right persona. */
    correct(input: ParsedInput<'correctPersonaDecision'>): Correction {
      return input.requestId !== undefined
        ? fromRequest(input, input.requestId)
        : fromText(input, input.text!)
    },
    /** The classified ask of a recent request, or null once it is no longer kept. */
    requestAsk(requestId: number): OperationOutput<'getRequestAsk'> {
      return { requestId, text: deps.asks.get(requestId) ?? null }
    },
    /** Removes a learned example; the engines stop reading it from the next request on. */
    removeExample(personaId: string, exampleId: number): Persona {
      requirePersona(personaId, 'id')
      const example = repo.learnedExample(exampleId)
      if (!example || example.personaId !== personaId) {
        throw new SwitchboardError(
          'not_found',
          `Persona "${personaId}" has no learned example ${exampleId}. Its examples are listed in GET /api/v1/personas.`,
          { param: 'exampleId' },
        )
      }
      repo.removeLearned(exampleId)
      personas.publishChange()
      return personas.get(personaId)
    },
  }
}

function describe(
  verdict: 'right' | 'wrong',
  persona: Persona | null,
  learned: { fresh: boolean } | null,
  askAvailable: boolean,
): string {
  const marked = verdict === 'right' ? 'Marked right.' : 'Marked wrong.'
  if (!persona) return `${marked} No persona fits this request; nothing was added as an example.`
  if (!askAvailable) return `${marked} ${ASK_GONE}`
  if (learned && !learned.fresh) return `${marked} "${persona.name}" already has this example.`
  return `${marked} The ask is now an example of "${persona.name}"; the classifier reads it from the next request on.`
}

export type PersonaCorrections = ReturnType<typeof createPersonaCorrections>
