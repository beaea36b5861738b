import { SwitchboardError } from '../../../shared/errors.ts'
import type { Persona, SimilarityWarning } from '../../../shared/schemas.ts'
import type { PersonaRepo } from '../db/persona-repo.ts'
import type { EventBus } from '../events.ts'
import { descriptionSimilarity } from './description-similarity.ts'

/** Above this, two personas read alike: the user is warned with the score. */
export const SIMILARITY_WARNING = 0.75
/** Above this they are the same persona twice: refused. */
export const SIMILARITY_REFUSAL = 0.95

interface Draft {
  name: string
  description: string
  examples: string[]
}

/** Personas: CRUD with a similarity check so users keep them distinguishable. */
export function createPersonaService(repo: PersonaRepo, events: EventBus) {
  const listeners = new Set<() => void>()

  function require(id: string): Persona {
    const persona = repo.get(id)
    if (!persona) {
      throw new SwitchboardError(
        'not_found',
        `No persona with id "${id}". List personas with GET /api/v1/personas.`,
        {
          param: 'id',
        },
      )
    }
    return persona
  }

  function requireFreeName(name: string, except?: string): void {
    const clash = repo.findByName(name)
    if (clash && clash.id !== except) {
      throw new SwitchboardError(
        'conflict',
        `A persona named "${clash.name}" exists already. Pick another name.`,
        {
          param: 'name',
        },
      )
    }
  }

  /** Similar personas, most similar first; refuses a near-duplicate. */
  function checkSimilarity(draft: Draft, except?: string): SimilarityWarning[] {
    const warnings = repo
      .list()
      .filter((p) => p.id !== except)
      .map((p) => ({
        persona: p.name,
        similarity: round(descriptionSimilarity(draft.description, p.description)),
      }))
      .filter((w) => w.similarity >= SIMILARITY_WARNING)
      .sort((a, b) => b.similarity - a.similarity)
    const worst = warnings[0]
    if (worst && worst.similarity >= SIMILARITY_REFUSAL) {
      throw new SwitchboardError(
        'conflict',
        `This description is ${Math.round(worst.similarity * 100)}% the same as "${worst.persona}", so the classifier could not tell them apart. Describe what makes this persona different.`,
        { param: 'description', details: { similar: warnings } },
      )
    }
    return warnings
  }

  function changed(): void {
    for (const listener of listeners) listener()
    events.emit('personasChanged', { personas: repo.list() })
  }

  function uniqueId(name: string): string {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/^[-_]+|-+$/g, '')
        .slice(0, 48) || 'persona'
    let id = base
    for (let n = 2; repo.get(id); n++) id = `${base}-${n}`
    return id
  }

  return {
    onChange(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    list: () => repo.list(),
    get: require,
    /** Tells the classifier and the window that examples or corrections changed outside this service. */
    publishChange: changed,
    exists: (id: string) => repo.get(id) !== undefined,
    /** Tells listeners to reload, after a bulk change was rolled back. */
    notifyChanged: changed,
    /** Creates a persona; `id` is derived from the name unless given (config files give it). */
    create(draft: Draft & { id?: string }): { persona: Persona; warnings: SimilarityWarning[] } {
      requireFreeName(draft.name)
      const warnings = checkSimilarity(draft)
      const id = draft.id ?? uniqueId(draft.name)
      repo.insert({ ...draft, id })
      changed()
      return { persona: require(id), warnings }
    },
    update(id: string, patch: Partial<Draft>): { persona: Persona; warnings: SimilarityWarning[] } {
      const current = require(id)
      const next = {
        name: patch.name ?? current.name,
        description: patch.description ?? current.description,
        examples: patch.examples ?? current.examples,
      }
      requireFreeName(next.name, id)
      const warnings = checkSimilarity(next, id)
      repo.update({ id, ...next })
      changed()
      return { persona: require(id), warnings }
    },
    delete(
      id: string,
      force: boolean,
    ): { deleted: string; removedRules: { workspace: string; ruleId: string }[] } {
      require(id)
      const rules = repo.rulesUsing(id).map((r) => ({ workspace: r.workspace, ruleId: r.rule_id }))
      if (rules.length && !force) {
        const where = [...new Set(rules.map((r) => `"${r.workspace}"`))].join(', ')
        throw new SwitchboardError(
          'conflict',
          `Persona "${id}" is used by ${rules.length} rule${rules.length === 1 ? '' : 's'} in workspace ${where}. Change those rules first, or delete with force=true to remove them.`,
          { param: 'id', details: { rules } },
        )
      }
      repo.delete(id)
      changed()
      return { deleted: id, removedRules: rules }
    },
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000

export type PersonaService = ReturnType<typeof createPersonaService>
