import type { DiscoveredModel, Provider } from '../../../shared/schemas.ts'
import type { Db } from './connection.ts'

interface ProviderRow {
  id: string
  name: string
  kind: Provider['kind']
  endpoint: string
  description: string
  auth: Provider['auth']
  api_key: Buffer | null
  api_key_hint: string | null
  status: Provider['status']
  status_error: string | null
  checked_at: string | null
  models_json: string
  models_refreshed_at: string | null
  created_at: string
  updated_at: string
}

export type ProviderRecord = Provider & { sealedApiKey: Buffer | null }

export type ProviderFields = Pick<
  Provider,
  'id' | 'name' | 'kind' | 'endpoint' | 'description' | 'auth'
> & {
  sealedApiKey: Buffer | null
  apiKeyHint: string | null
}

function toRecord(row: ProviderRow): ProviderRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    endpoint: row.endpoint,
    description: row.description,
    auth: row.auth,
    apiKeyHint: row.api_key_hint,
    status: row.status,
    statusError: row.status_error,
    checkedAt: row.checked_at,
    models: JSON.parse(row.models_json) as DiscoveredModel[],
    modelsRefreshedAt: row.models_refreshed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sealedApiKey: row.api_key,
  }
}

/** Providers and their sealed keys. */
export function createProviderRepo(db: Db) {
  const selectAll = db.prepare<[], ProviderRow>(
    'SELECT * FROM providers ORDER BY name COLLATE NOCASE',
  )
  const selectOne = db.prepare<[string], ProviderRow>('SELECT * FROM providers WHERE id = ?')
  const insert = db.prepare(
    `INSERT INTO providers (id, name, kind, endpoint, description, auth, api_key, api_key_hint, created_at, updated_at)
     VALUES (@id, @name, @kind, @endpoint, @description, @auth, @sealedApiKey, @apiKeyHint, @now, @now)`,
  )
  const update = db.prepare(
    `UPDATE providers SET name = @name, kind = @kind, endpoint = @endpoint, description = @description, auth = @auth,
       api_key = @sealedApiKey, api_key_hint = @apiKeyHint, updated_at = @now WHERE id = @id`,
  )
  const checkOk = db.prepare(
    `UPDATE providers SET status = 'ok', status_error = NULL, checked_at = @now, models_json = @models,
       models_refreshed_at = @now WHERE id = @id`,
  )
  const checkFailed = db.prepare(
    `UPDATE providers SET status = 'error', status_error = @error, checked_at = @now WHERE id = @id`,
  )
  const remove = db.prepare('DELETE FROM providers WHERE id = ?')

  return {
    list: (): ProviderRecord[] => selectAll.all().map(toRecord),
    get: (id: string): ProviderRecord | undefined => {
      const row = selectOne.get(id)
      return row && toRecord(row)
    },
    insert: (fields: ProviderFields) => insert.run({ ...fields, now: new Date().toISOString() }),
    update: (fields: ProviderFields) => update.run({ ...fields, now: new Date().toISOString() }),
    /** Records a good connection; the models replace those of the last good refresh. */
    recordModels: (id: string, models: DiscoveredModel[]) =>
      checkOk.run({ id, models: JSON.stringify(models), now: new Date().toISOString() }),
    /** Records a failed connection; models from the last good refresh are kept. */
    recordError: (id: string, error: string) =>
      checkFailed.run({ id, error, now: new Date().toISOString() }),
    delete: (id: string) => remove.run(id),
  }
}

export type ProviderRepo = ReturnType<typeof createProviderRepo>
