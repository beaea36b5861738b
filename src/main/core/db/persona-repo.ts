import {
  MAX_LEARNED_EXAMPLES,
  type LearnedExample,
  type Persona,
  type PersonaAccuracy,
} from '../../../shared/schemas.ts'
import type { Db } from './connection.ts'
import type { VectorCache } from '../personas/engine.ts'

interface PersonaRow {
  id: string
  name: string
  description: string
  examples_json: string
  created_at: string
  updated_at: string
}

interface LearnedRow {
  id: number
  persona_id: string
  text: string
  source: LearnedExample['source']
  request_id: number | null
  request_at: string | null
  created_at: string
}

const toLearned = (r: LearnedRow): LearnedExample => ({
  id: r.id,
  text: r.text,
  source: r.source,
  requestId: r.request_id,
  requestAt: r.request_at,
  createdAt: r.created_at,
})

/** A user's verdict on the persona the classifier chose for one logged request. */
export interface CorrectionRecord {
  requestId: number
  classifiedPersonaId: string | null
  rightPersonaId: string | null
  verdict: 'right' | 'wrong'
}

/** What a learned example is made of; the repo stamps its id and time. */
export type NewLearnedExample = Pick<LearnedExample, 'text' | 'source' | 'requestId' | 'requestAt'>

const noAccuracy: PersonaAccuracy = { checked: 0, right: 0, missed: 0 }

/** Personas, and the rules that route by them. */
export function createPersonaRepo(db: Db) {
  const q = {
    all: db.prepare<[], PersonaRow>('SELECT * FROM personas ORDER BY name COLLATE NOCASE'),
    one: db.prepare<[string], PersonaRow>('SELECT * FROM personas WHERE id = ?'),
    byName: db.prepare<[string], PersonaRow>('SELECT * FROM personas WHERE name = ?'),
    insert: db.prepare(
      'INSERT INTO personas (id, name, description, examples_json, created_at, updated_at) VALUES (@id, @name, @description, @examples, @now, @now)',
    ),
    update: db.prepare(
      'UPDATE personas SET name = @name, description = @description, examples_json = @examples, updated_at = @now WHERE id = @id',
    ),
    delete: db.prepare('DELETE FROM personas WHERE id = ?'),
    rulesUsing: db.prepare<[string], { rule_id: string; workspace: string }>(
      `SELECT r.id AS rule_id, w.name AS workspace FROM rules r JOIN workspaces w ON w.id = r.workspace_id
       WHERE r.kind = 'persona' AND json_extract(r.config_json, '$.persona') = ? ORDER BY w.name, r.position`,
    ),
    deleteRule: db.prepare('DELETE FROM rules WHERE id = ?'),
    learnedAll: db.prepare<[], LearnedRow>('SELECT * FROM persona_learned_examples ORDER BY id'),
    learnedOf: db.prepare<[string], LearnedRow>(
      'SELECT * FROM persona_learned_examples WHERE persona_id = ? ORDER BY id',
    ),
    learnedOne: db.prepare<[number], LearnedRow>(
      'SELECT * FROM persona_learned_examples WHERE id = ?',
    ),
    insertLearned: db.prepare(
      'INSERT INTO persona_learned_examples (persona_id, text, source, request_id, request_at, created_at) VALUES (@personaId, @text, @source, @requestId, @requestAt, @now)',
    ),
    deleteLearned: db.prepare('DELETE FROM persona_learned_examples WHERE id = ?'),
    deleteLearnedOfRequest: db.prepare('DELETE FROM persona_learned_examples WHERE request_id = ?'),
    deleteLearnedOf: db.prepare('DELETE FROM persona_learned_examples WHERE persona_id = ?'),
    // Beyond the cap, the oldest learned examples of the persona go.
    trimLearned: db.prepare(
      `DELETE FROM persona_learned_examples WHERE persona_id = @personaId AND id NOT IN
       (SELECT id FROM persona_learned_examples WHERE persona_id = @personaId ORDER BY id DESC LIMIT @max)`,
    ),
    upsertCorrection: db.prepare(
      `INSERT OR REPLACE INTO persona_corrections (request_id, classified_persona_id, right_persona_id, verdict, at)
       VALUES (@requestId, @classifiedPersonaId, @rightPersonaId, @verdict, @now)`,
    ),
    deleteCorrectionsOf: db.prepare(
      'DELETE FROM persona_corrections WHERE classified_persona_id = @id OR right_persona_id = @id',
    ),
    checked: db.prepare<[], { id: string; checked: number; right: number }>(
      `SELECT classified_persona_id AS id, COUNT(*) AS checked, SUM(verdict = 'right') AS right
       FROM persona_corrections WHERE classified_persona_id IS NOT NULL GROUP BY classified_persona_id`,
    ),
    missed: db.prepare<[], { id: string; missed: number }>(
      `SELECT right_persona_id AS id, COUNT(*) AS missed FROM persona_corrections
       WHERE verdict = 'wrong' AND right_persona_id IS NOT NULL GROUP BY right_persona_id`,
    ),
  }
  const now = () => new Date().toISOString()

  function accuracyById(): Map<string, PersonaAccuracy> {
    const byId = new Map<string, PersonaAccuracy>()
    const of = (id: string) => byId.get(id) ?? byId.set(id, { ...noAccuracy }).get(id)!
    for (const r of q.checked.all()) Object.assign(of(r.id), { checked: r.checked, right: r.right })
    for (const r of q.missed.all()) of(r.id).missed = r.missed
    return byId
  }

  function toPersona(
    r: PersonaRow,
    learned: LearnedExample[],
    accuracy: PersonaAccuracy = noAccuracy,
  ): Persona {
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      examples: JSON.parse(r.examples_json),
      learnedExamples: learned,
      accuracy,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }
  }

  function withDetails(row: PersonaRow | undefined): Persona | undefined {
    if (!row) return undefined
    return toPersona(row, q.learnedOf.all(row.id).map(toLearned), accuracyById().get(row.id))
  }

  return {
    list: (): Persona[] => {
      const learned = new Map<string, LearnedExample[]>()
      for (const r of q.learnedAll.all()) {
        const list = learned.get(r.persona_id) ?? learned.set(r.persona_id, []).get(r.persona_id)!
        list.push(toLearned(r))
      }
      const accuracy = accuracyById()
      return q.all.all().map((r) => toPersona(r, learned.get(r.id) ?? [], accuracy.get(r.id)))
    },
    get: (id: string): Persona | undefined => withDetails(q.one.get(id)),
    findByName: (name: string): Persona | undefined => withDetails(q.byName.get(name)),
    insert: (p: Pick<Persona, 'id' | 'name' | 'description' | 'examples'>) =>
      q.insert.run({ ...p, examples: JSON.stringify(p.examples), now: now() }),
    update: (p: Pick<Persona, 'id' | 'name' | 'description' | 'examples'>) =>
      q.update.run({ ...p, examples: JSON.stringify(p.examples), now: now() }),
    rulesUsing: (id: string) => q.rulesUsing.all(id),
    /** Deletes the persona, the persona rules that route by it, and its correction history. */
    delete: db.transaction((id: string) => {
      for (const r of q.rulesUsing.all(id)) q.deleteRule.run(r.rule_id)
      q.deleteCorrectionsOf.run({ id })
      q.delete.run(id)
    }),
    learnedExample: (id: number): (LearnedExample & { personaId: string }) | undefined => {
      const row = q.learnedOne.get(id)
      return row && { ...toLearned(row), personaId: row.persona_id }
    },
    /** Adds a learned example (at most MAX_LEARNED_EXAMPLES per persona, the oldest go first). */
    addLearned: db.transaction((personaId: string, example: NewLearnedExample): LearnedExample => {
      const { lastInsertRowid } = q.insertLearned.run({ personaId, ...example, now: now() })
      q.trimLearned.run({ personaId, max: MAX_LEARNED_EXAMPLES })
      return toLearned(q.learnedOne.get(Number(lastInsertRowid))!)
    }),
    removeLearned: (id: number) => q.deleteLearned.run(id).changes > 0,
    /** Replaces a persona's learned examples (an import with replace). */
    replaceLearned: db.transaction((personaId: string, examples: NewLearnedExample[]) => {
      q.deleteLearnedOf.run(personaId)
      for (const e of examples) q.insertLearned.run({ personaId, ...e, now: now() })
    }),
    /** Records (or replaces) the verdict on a request, dropping what an earlier one taught. */
    recordCorrection: db.transaction((c: CorrectionRecord) => {
      q.deleteLearnedOfRequest.run(c.requestId)
      q.upsertCorrection.run({ ...c, now: now() })
    }),
  }
}

export type PersonaRepo = ReturnType<typeof createPersonaRepo>

/** Persona vectors of the embedding engine, stored per (persona text hash, model). */
export function createVectorCache(db: Db): VectorCache {
  const select = db.prepare<[string, string], { vector: Buffer }>(
    'SELECT vector FROM persona_vectors WHERE text_hash = ? AND model_id = ?',
  )
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO persona_vectors (text_hash, model_id, vector) VALUES (?, ?, ?)',
  )
  const memory = new Map<string, Float32Array>()
  return {
    get(textHash, modelId) {
      const key = `${modelId}\n${textHash}`
      let vector = memory.get(key)
      if (!vector) {
        const row = select.get(textHash, modelId)
        if (!row) return undefined
        vector = new Float32Array(
          row.vector.buffer.slice(
            row.vector.byteOffset,
            row.vector.byteOffset + row.vector.byteLength,
          ),
        )
        memory.set(key, vector)
      }
      return vector
    },
    set(textHash, modelId, vector) {
      memory.set(`${modelId}\n${textHash}`, vector)
      upsert.run(
        textHash,
        modelId,
        Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength),
      )
    },
  }
}
