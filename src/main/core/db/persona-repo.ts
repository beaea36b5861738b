import type { Persona } from '../../../shared/schemas.ts'
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

const toPersona = (r: PersonaRow): Persona => ({
  id: r.id,
  name: r.name,
  description: r.description,
  examples: JSON.parse(r.examples_json),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

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
  }
  const now = () => new Date().toISOString()
  return {
    list: (): Persona[] => q.all.all().map(toPersona),
    get: (id: string): Persona | undefined => {
      const row = q.one.get(id)
      return row && toPersona(row)
    },
    findByName: (name: string): Persona | undefined => {
      const row = q.byName.get(name)
      return row && toPersona(row)
    },
    insert: (p: Pick<Persona, 'id' | 'name' | 'description' | 'examples'>) =>
      q.insert.run({ ...p, examples: JSON.stringify(p.examples), now: now() }),
    update: (p: Pick<Persona, 'id' | 'name' | 'description' | 'examples'>) =>
      q.update.run({ ...p, examples: JSON.stringify(p.examples), now: now() }),
    rulesUsing: (id: string) => q.rulesUsing.all(id),
    /** Deletes the persona and the persona rules that route by it. */
    delete: db.transaction((id: string) => {
      for (const r of q.rulesUsing.all(id)) q.deleteRule.run(r.rule_id)
      q.delete.run(id)
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
