import type { Dispatcher } from 'undici'
import { SwitchboardError } from '../../../shared/errors.ts'
import { GROUP_PROVIDER } from '../../../shared/groups.ts'
import { providerKindInfo } from '../../../shared/provider-kinds.ts'
import type { OperationOutput, ParsedInput } from '../../../shared/contract.ts'
import type { Provider, RuleUsage } from '../../../shared/schemas.ts'
import type { ProviderFields, ProviderRecord, ProviderRepo } from '../db/provider-repo.ts'
import type { WorkspaceRepo } from '../db/workspace-repo.ts'
import type { EventBus } from '../events.ts'
import { maskSecret, type Secrets } from '../secrets/secrets.ts'
import { discoverModels } from './discovery.ts'

interface Deps {
  providers: ProviderRepo
  workspaces: WorkspaceRepo
  secrets: Secrets
  events: EventBus
  dispatcher: () => Dispatcher
  discoveryTimeoutMs: () => number
  /** The upstream pool's connect timeout, quoted when a connection is not accepted in time. */
  connectTimeoutMs?: () => number
}

/** Providers: CRUD, sealed keys, model discovery. */
export function createProviderService(deps: Deps) {
  const { providers, workspaces, secrets, events } = deps

  function publicView({ sealedApiKey: _sealed, ...provider }: ProviderRecord): Provider {
    return provider
  }

  function require(id: string): ProviderRecord {
    const record = providers.get(id)
    if (!record) {
      throw new SwitchboardError(
        'not_found',
        `No provider with id "${id}". List providers with GET /api/v1/providers.`,
        {
          param: 'id',
        },
      )
    }
    return record
  }

  /** The decrypted key, for upstream calls only. */
  function apiKeyOf(record: ProviderRecord): string | null {
    return record.auth === 'api_key' && record.sealedApiKey
      ? secrets.decrypt(record.sealedApiKey)
      : null
  }

  async function refresh(id: string): Promise<Provider> {
    const record = require(id)
    try {
      const models = await discoverModels(
        { kind: record.kind, endpoint: record.endpoint, apiKey: apiKeyOf(record) },
        discoveryOptions(),
      )
      providers.recordModels(id, models)
    } catch (err) {
      providers.recordError(id, (err as Error).message)
    }
    changed()
    return publicView(require(id))
  }

  function discoveryOptions() {
    return {
      timeoutMs: deps.discoveryTimeoutMs(),
      connectTimeoutMs: deps.connectTimeoutMs?.(),
      dispatcher: deps.dispatcher(),
    }
  }

  function changed(): void {
    events.emit('providersChanged', { providers: providers.list().map(publicView) })
  }

  function uniqueId(name: string): string {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[^a-z0-9]+|-+$/g, '')
        .slice(0, 32) || 'provider'
    let id = base
    for (let n = 2; providers.get(id) || id === GROUP_PROVIDER; n++) id = `${base}-${n}`
    return id
  }

  function sealKey(apiKey: string): Pick<ProviderFields, 'sealedApiKey' | 'apiKeyHint'> {
    return { sealedApiKey: secrets.encrypt(apiKey), apiKeyHint: maskSecret(apiKey) }
  }

  return {
    apiKeyOf,
    get: (id: string) => publicView(require(id)),
    record: (id: string) => providers.get(id),
    list: () => providers.list().map(publicView),
    refresh,
    /** Tells listeners to reload, after a bulk change was rolled back. */
    notifyChanged: changed,

    /**
     * Inserts or replaces a provider without connecting (a config file's declaration); returns
     * whether anything changed, so the caller refreshes only those, after its transaction.
     */
    put(input: ParsedInput<'createProvider'> & { id: string }): boolean {
      const current = providers.get(input.id)
      const info = providerKindInfo[input.kind]
      const auth = input.auth ?? info.defaultAuth
      const apiKey = auth === 'api_key' ? input.apiKey?.trim() || null : null
      const fields = {
        id: input.id,
        name: input.name,
        kind: input.kind,
        endpoint: input.endpoint ?? info.defaultEndpoint,
        description: input.description,
        auth,
      }
      const same =
        current &&
        (Object.keys(fields) as (keyof typeof fields)[]).every((k) => current[k] === fields[k]) &&
        (current.sealedApiKey ? apiKeyOf(current) : null) === apiKey
      if (same) return false
      const key = apiKey ? sealKey(apiKey) : { sealedApiKey: null, apiKeyHint: null }
      if (current) providers.update({ ...fields, ...key })
      else providers.insert({ ...fields, ...key })
      changed()
      return true
    },

    async create(input: ParsedInput<'createProvider'>): Promise<Provider> {
      const info = providerKindInfo[input.kind]
      if (input.id === GROUP_PROVIDER) {
        throw new SwitchboardError(
          'invalid_request',
          `"${GROUP_PROVIDER}" is reserved for model groups. Pick another id.`,
          { param: 'id' },
        )
      }
      if (input.id && providers.get(input.id)) {
        throw new SwitchboardError(
          'conflict',
          `A provider with id "${input.id}" exists already. Pick another id.`,
          {
            param: 'id',
          },
        )
      }
      const auth = input.auth ?? info.defaultAuth
      const apiKey = input.apiKey?.trim()
      const id = input.id ?? uniqueId(input.name)
      providers.insert({
        id,
        name: input.name,
        kind: input.kind,
        endpoint: input.endpoint ?? info.defaultEndpoint,
        description: input.description,
        auth,
        ...(auth === 'api_key' && apiKey
          ? sealKey(apiKey)
          : { sealedApiKey: null, apiKeyHint: null }),
      })
      return refresh(id)
    },

    async update(input: ParsedInput<'updateProvider'>): Promise<Provider> {
      const current = require(input.id)
      const kind = input.kind ?? current.kind
      const auth = input.auth ?? current.auth
      const apiKey = input.apiKey?.trim()
      const endpoint =
        input.endpoint ??
        (input.kind && input.kind !== current.kind
          ? providerKindInfo[kind].defaultEndpoint
          : current.endpoint)
      if (auth !== 'none' && !apiKey && current.sealedApiKey)
        requireKeyConsent(current.endpoint, endpoint, input.keepApiKeyForNewEndpoint)
      const key =
        auth === 'none'
          ? { sealedApiKey: null, apiKeyHint: null }
          : apiKey
            ? sealKey(apiKey)
            : { sealedApiKey: current.sealedApiKey, apiKeyHint: current.apiKeyHint }
      providers.update({
        id: current.id,
        name: input.name ?? current.name,
        kind,
        endpoint,
        description: input.description ?? current.description,
        auth,
        ...key,
      })
      return refresh(current.id)
    },

    delete(input: ParsedInput<'deleteProvider'>): OperationOutput<'deleteProvider'> {
      require(input.id)
      const usages = workspaces.usagesOf(input.id)
      if (usages.length > 0 && !input.force) {
        const where = describeUsages(usages)
        throw new SwitchboardError(
          'conflict',
          `Provider "${input.id}" is used by ${where}. Change those rules first, or delete with force=true to remove them.`,
          { param: 'id', details: { usages } },
        )
      }
      workspaces.detachProvider(input.id, usages)
      providers.delete(input.id)
      changed()
      return { deleted: input.id, removedRules: usages }
    },

    async test(input: ParsedInput<'testProvider'>): Promise<OperationOutput<'testProvider'>> {
      const stored = input.id ? providers.get(input.id) : undefined
      const kind = input.kind ?? stored?.kind
      if (!kind)
        throw new SwitchboardError('invalid_request', 'Say which kind of provider to test.', {
          param: 'kind',
        })
      const auth = input.auth ?? stored?.auth ?? providerKindInfo[kind].defaultAuth
      const endpoint = input.endpoint ?? stored?.endpoint ?? providerKindInfo[kind].defaultEndpoint
      const typed = input.apiKey?.trim()
      if (auth !== 'none' && !typed && stored?.sealedApiKey)
        requireKeyConsent(stored.endpoint, endpoint, input.keepApiKeyForNewEndpoint)
      const apiKey = auth === 'none' ? null : typed || (stored ? apiKeyOf(stored) : null)
      try {
        const models = await discoverModels({ kind, endpoint, apiKey }, discoveryOptions())
        return { ok: true, error: null, models }
      } catch (err) {
        return { ok: false, error: (err as Error).message, models: [] }
      }
    },
  }
}

/**
 * A stored key was entered for one server: it may go to another origin (scheme, host, port) only
 * when the caller types it again or confirms, so a changed endpoint cannot carry it off.
 */
function requireKeyConsent(storedEndpoint: string, endpoint: string, confirmed?: boolean): void {
  if (confirmed || originOf(storedEndpoint) === originOf(endpoint)) return
  throw new SwitchboardError(
    'invalid_request',
    `The endpoint moves from ${originOf(storedEndpoint)} to ${originOf(endpoint)}, and the stored API key was entered for the old one. Type the key again in apiKey, or send keepApiKeyForNewEndpoint: true to use the stored key there.`,
    { param: 'apiKey' },
  )
}

function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin
  } catch {
    return endpoint
  }
}

function describeUsages(usages: RuleUsage[]): string {
  const byWorkspace = new Map<string, number>()
  for (const u of usages) byWorkspace.set(u.workspace, (byWorkspace.get(u.workspace) ?? 0) + 1)
  return [...byWorkspace]
    .map(([ws, n]) => `${n} rule${n === 1 ? '' : 's'} in workspace "${ws}"`)
    .join(', ')
}

export type ProviderService = ReturnType<typeof createProviderService>
