import { request, type Dispatcher } from 'undici'
import { providerKindInfo, type ProviderKind } from '../../../shared/provider-kinds.ts'
import type { DiscoveredModel } from '../../../shared/schemas.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import { authHeaders } from './auth-headers.ts'
import { describeNetworkError } from './network-errors.ts'

export interface DiscoveryTarget {
  kind: ProviderKind
  endpoint: string
  apiKey: string | null
}

const modelListPath = {
  openai: '/models',
  ollama: '/api/tags',
  anthropic: '/v1/models?limit=1000',
} as const

/** Connects to a provider and lists its models; throws an Error whose message a user can act on. */
export async function discoverModels(
  target: DiscoveryTarget,
  options: { timeoutMs: number; connectTimeoutMs?: number; dispatcher: Dispatcher },
): Promise<DiscoveredModel[]> {
  const wire = providerKindInfo[target.kind].wireFormat
  const url = target.endpoint + modelListPath[wire]
  const signal = AbortSignal.timeout(options.timeoutMs)
  let text: string
  let status: number
  let contentType: string
  try {
    const res = await request(url, {
      headers: { accept: 'application/json', ...authHeaders(target.kind, target.apiKey) },
      dispatcher: options.dispatcher,
      signal,
    })
    status = res.statusCode
    contentType = String(res.headers['content-type'] ?? 'no content type').split(';')[0]!
    text = await res.body.text()
  } catch (err) {
    const message = describeNetworkError(err, url, options.timeoutMs, options.connectTimeoutMs)
    throw new Error(message, { cause: err })
  }
  if (status === 401 || status === 403) throw new Error(credentialsRefused(status, target.apiKey))
  // Only a JSON error's own message is quoted: the body of anything else (a router's admin
  // page, an internal service) never comes back to the caller.
  const json = parseJson(text)
  if (status >= 400) {
    const message = errorMessageOf(json)
    throw new Error(
      `${url} answered HTTP ${status}${message ? `: ${message}` : ` (${describeBody(contentType, text)})`}. Check the endpoint.`,
    )
  }
  if (json === undefined) {
    throw new Error(
      `${url} did not answer with JSON (${describeBody(contentType, text)}). Is the endpoint right for a ${providerKindInfo[target.kind].label} server?`,
    )
  }
  const models = wire === 'ollama' ? fromOllama(json) : fromDataList(json)
  if (!models) {
    throw new Error(
      `${url} answered JSON without a model list. Is the endpoint right for a ${providerKindInfo[target.kind].label} server?`,
    )
  }
  return models
}

/** A 401 or 403 said as what it means for the key the user gave (or did not give). */
function credentialsRefused(status: number, apiKey: string | null): string {
  if (!apiKey) {
    return `The server answered ${status}: it wants an API key. Set Authentication to API key and enter one.`
  }
  return status === 401
    ? `The server answered 401: the API key was refused. Check the key.`
    : `The server answered 403: the API key may not list models here. Check the key's permissions.`
}

function fromDataList(json: unknown): DiscoveredModel[] | null {
  const data = (json as { data?: unknown })?.data
  if (!Array.isArray(data)) return null
  return data
    .filter((m): m is Record<string, unknown> => typeof m?.id === 'string')
    .map((m) => {
      const model: DiscoveredModel = { id: m.id as string }
      const name = m.display_name ?? m.name
      if (typeof name === 'string' && name !== m.id) model.name = name
      // OpenRouter: context_length; vLLM: max_model_len; Anthropic: max_input_tokens.
      const context = m.context_length ?? m.max_model_len ?? m.max_input_tokens
      if (isTokenCount(context)) model.contextLength = context
      // Anthropic: max_tokens; OpenRouter: top_provider.max_completion_tokens.
      const topProvider = m.top_provider as { max_completion_tokens?: unknown } | undefined
      const output = m.max_tokens ?? topProvider?.max_completion_tokens
      if (isTokenCount(output)) model.maxOutputTokens = output
      return model
    })
}

function fromOllama(json: unknown): DiscoveredModel[] | null {
  const list = (json as { models?: unknown })?.models
  if (!Array.isArray(list)) return null
  return list
    .filter((m): m is { name: string } => typeof m?.name === 'string')
    .map((m) => ({ id: m.name }))
}

/** The model-facts probe for Ollama providers: `/api/show` per model; other kinds say nothing. */
export function ollamaLimitProbe(deps: {
  apiKey(record: ProviderRecord): string | null
  dispatcher(): Dispatcher
  timeoutMs(): number
}) {
  return async (provider: ProviderRecord, model: string) => {
    if (providerKindInfo[provider.kind].wireFormat !== 'ollama') return null
    const target = {
      kind: provider.kind,
      endpoint: provider.endpoint,
      apiKey: deps.apiKey(provider),
    }
    return showOllamaModel(target, model, {
      timeoutMs: deps.timeoutMs(),
      dispatcher: deps.dispatcher(),
    })
  }
}

const isTokenCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0

/**
 * Asks Ollama about one model (`POST /api/show`) for its context window: `num_ctx` from its
 * parameters when the Modelfile sets one (the window Ollama runs it with), else the architecture's
 * `<arch>.context_length`. Null when the answer says neither; throws on network errors.
 */
export async function showOllamaModel(
  target: DiscoveryTarget,
  model: string,
  options: { timeoutMs: number; dispatcher: Dispatcher },
): Promise<{ contextWindow: number } | null> {
  const res = await request(target.endpoint + '/api/show', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(target.kind, target.apiKey) },
    body: JSON.stringify({ model }),
    dispatcher: options.dispatcher,
    signal: AbortSignal.timeout(options.timeoutMs),
  })
  const text = await res.body.text()
  if (res.statusCode >= 400) return null
  const json = JSON.parse(text) as { parameters?: unknown; model_info?: Record<string, unknown> }
  const numCtx =
    typeof json.parameters === 'string' ? /^num_ctx\s+(\d+)\s*$/m.exec(json.parameters) : null
  if (numCtx) return { contextWindow: Number(numCtx[1]) }
  const info = json.model_info ?? {}
  const arch = info['general.architecture']
  const context = typeof arch === 'string' ? info[`${arch}.context_length`] : undefined
  return isTokenCount(context) ? { contextWindow: context } : null
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The message of an OpenAI, Anthropic or Ollama JSON error body, shortened. */
function errorMessageOf(json: unknown): string {
  const e = (json as { error?: unknown } | undefined)?.error
  const message = typeof e === 'string' ? e : (e as { message?: unknown } | undefined)?.message
  if (typeof message !== 'string') return ''
  const flat = message.replace(/\s+/g, ' ').trim()
  return flat.length > 200 ? flat.slice(0, 200) + '…' : flat
}

function describeBody(contentType: string, text: string): string {
  return text.length === 0 ? 'empty body' : `${contentType}, ${Buffer.byteLength(text)} bytes`
}
