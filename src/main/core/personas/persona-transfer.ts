import type { OperationOutput } from '../../../shared/contract.ts'
import { SwitchboardError } from '../../../shared/errors.ts'
import type { PersonaExport } from '../../../shared/schemas.ts'
import type { Db } from '../db/connection.ts'
import type { PersonaRepo } from '../db/persona-repo.ts'
import type { PersonaService } from './persona-service.ts'

interface Deps {
  db: Db
  repo: PersonaRepo
  personas: Pick<PersonaService, 'publishChange'>
}

/**
 * Personas as portable JSON. They are global (every workspace's persona rules share them), so
 * they travel in their own document rather than inside a workspace export.
 */
export function createPersonaTransfer({ db, repo, personas }: Deps) {
  return {
    /** Every persona with its typed and learned examples; request ids stay behind (they are local). */
    export(): PersonaExport {
      return {
        switchboard: 'personas',
        version: 1,
        personas: repo.list().map((p) => ({
          id: p.id,
          name: p.name,
          description: p.description,
          examples: p.examples,
          learnedExamples: p.learnedExamples.map((e) => ({
            text: e.text,
            source: e.source,
            requestAt: e.requestAt,
          })),
        })),
      }
    },
    /** Creates the document's personas; an existing id is overwritten only with `replace`. */
    import(document: PersonaExport, replace: boolean): OperationOutput<'importPersonas'> {
      const result = { created: [] as string[], replaced: [] as string[], skipped: [] as string[] }
      document.personas.forEach((p, i) => {
        const clash = repo.findByName(p.name)
        if (clash && clash.id !== p.id) {
          throw new SwitchboardError(
            'conflict',
            `Persona "${p.id}" in the document is named "${p.name}", like the existing persona "${clash.id}". Rename one of them first.`,
            { param: `document.personas[${i}].name` },
          )
        }
      })
      db.transaction(() => {
        for (const p of document.personas) {
          const exists = repo.get(p.id) !== undefined
          if (exists && !replace) {
            result.skipped.push(p.id)
            continue
          }
          const fields = {
            id: p.id,
            name: p.name,
            description: p.description,
            examples: p.examples,
          }
          if (exists) repo.update(fields)
          else repo.insert(fields)
          repo.replaceLearned(
            p.id,
            p.learnedExamples.map((e) => ({ ...e, requestId: null })),
          )
          ;(exists ? result.replaced : result.created).push(p.id)
        }
      })()
      if (result.created.length || result.replaced.length) personas.publishChange()
      return result
    },
  }
}

export type PersonaTransfer = ReturnType<typeof createPersonaTransfer>
