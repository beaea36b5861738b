import { Counter, Histogram, Registry, type CounterConfiguration } from 'prom-client'
import type { RequestLogEntry } from '../../../shared/activity.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import type { EventBus } from '../events.ts'

// Prometheus metrics, fed from the request log's entries as each batch is written: the hot path does
// not touch them. Labels come from configuration (workspaces, providers, their models, rule kinds),
// never from what a client typed, so the number of series stays bounded.

/** Latency buckets for LLM calls, from a cached completion to a long reasoning answer. */
const LLM_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120]
const CLASSIFIER_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
const OTHER = 'other'

export interface MetricsDeps {
  events: EventBus
  provider(id: string): ProviderRecord | undefined
}

type Labels<T extends string> = Partial<Record<T, string>>

/**
 * A counter whose increments are summed in a plain map under a key the caller builds, and handed
 * to prom-client when it is scraped: prom-client hashes and checks the labels on every call
 * (~0.5 µs), and a logged request fed the counters eight calls. The map holds one entry per label
 * set, which configuration bounds, and is emptied at every scrape.
 */
function tallyCounter<T extends string>(config: CounterConfiguration<T>) {
  const pending = new Map<string, { labels: Labels<T>; value: number }>()
  new Counter<T>({
    ...config,
    collect() {
      for (const { labels, value } of pending.values()) this.inc(labels, value)
      pending.clear()
    },
  })
  return (key: string, labels: () => Labels<T>, value = 1): void => {
    const sum = pending.get(key)
    if (sum) sum.value += value
    else pending.set(key, { labels: labels(), value })
  }
}

/** A Prometheus registry of its own (not prom-client's global one), so several cores never clash. */
export function createMetrics(deps: MetricsDeps) {
  const registry = new Registry()
  const registers = [registry]
  const target = ['workspace', 'provider', 'model'] as const
  const requests = tallyCounter({
    name: 'switchboard_requests_total',
    help: 'Proxy requests by workspace, rule kind, served provider and model, and HTTP status.',
    labelNames: ['workspace', 'rule_kind', 'provider', 'model', 'status'] as const,
    registers,
  })
  const duration = new Histogram({
    name: 'switchboard_request_duration_seconds',
    help: 'Whole proxy request time, from arrival to the last byte sent.',
    labelNames: target,
    buckets: LLM_SECONDS,
    registers,
  })
  const firstToken = new Histogram({
    name: 'switchboard_time_to_first_token_seconds',
    help: 'Time from arrival to the first token sent to the client (streams).',
    labelNames: target,
    buckets: LLM_SECONDS,
    registers,
  })
  const tokens = tallyCounter({
    name: 'switchboard_tokens_total',
    help: 'Tokens by direction: in (prompt, cache reads included), cached (prompt read from cache), out.',
    labelNames: [...target, 'direction'] as const,
    registers,
  })
  const cost = tallyCounter({
    name: 'switchboard_cost_usd_total',
    help: 'Cost in USD at the served model price (requests with an unknown price add nothing).',
    labelNames: target,
    registers,
  })
  const unpriced = tallyCounter({
    name: 'switchboard_unpriced_requests_total',
    help: 'Requests whose cost is unknown: the served model has no price in the table or the overrides.',
    labelNames: ['provider', 'model'] as const,
    registers,
  })
  const fallbacks = tallyCounter({
    name: 'switchboard_fallbacks_total',
    help: 'Times a target failed and the request moved on to its next fallback, by the target that failed.',
    labelNames: ['provider', 'model'] as const,
    registers,
  })
  const classifier = new Histogram({
    name: 'switchboard_classifier_duration_seconds',
    help: 'Persona classification time by engine (answers reused from conversation affinity excluded).',
    labelNames: ['engine'] as const,
    buckets: CLASSIFIER_SECONDS,
    registers,
  })
  const turns = tallyCounter({
    name: 'switchboard_turns_total',
    help: 'Requests whose decision is held per turn: "new" decided afresh, "continued" reused it.',
    labelNames: ['kind'] as const,
    registers,
  })
  const keyRequests = tallyCounter({
    name: 'switchboard_member_key_requests_total',
    help: 'Proxy requests by member key id.',
    labelNames: ['key'] as const,
    registers,
  })
  const keyCost = tallyCounter({
    name: 'switchboard_member_key_cost_usd_total',
    help: 'Cost in USD by member key id.',
    labelNames: ['key'] as const,
    registers,
  })
  // Counted at the refusal itself: a request refused before authentication is never logged, so a
  // stranger cannot push history out of the log.
  const refused = new Counter({
    name: 'switchboard_refused_requests_total',
    help: 'Proxy requests refused before authentication (no or wrong member key); they are not in the request log.',
    labelNames: ['status', 'reason'] as const,
    registers,
  })

  /** A provider label only for configured providers, a model label only for models of config. */
  function labelsOf(provider: string | null, model: string | null, byRule: boolean) {
    const record = provider ? deps.provider(provider) : undefined
    if (!record) return { provider: provider ? OTHER : '', model: model ? OTHER : '' }
    // Rule and group targets are configuration; a model the client named directly counts only when
    // the provider lists it.
    const known = model && (byRule || record.models.some((m) => m.id === model))
    return { provider: record.id, model: known ? model : model ? OTHER : '' }
  }

  function observe(e: RequestLogEntry): void {
    const byRule = e.ruleKind !== null && e.ruleKind !== 'direct'
    const served = labelsOf(e.provider, e.model, byRule)
    const where = { workspace: e.workspace ?? '', ...served }
    const at = `${where.workspace}\u0000${served.provider}\u0000${served.model}`
    const ruleKind = e.ruleKind ?? ''
    const status = String(e.status)
    requests(`${at}\u0000${ruleKind}\u0000${status}`, () => ({
      ...where,
      rule_kind: ruleKind,
      status,
    }))
    duration.observe(where, e.latencyMs / 1000)
    if (e.firstTokenMs !== null) firstToken.observe(where, e.firstTokenMs / 1000)
    if (e.tokensIn !== null)
      tokens(`${at}\u0000in`, () => ({ ...where, direction: 'in' }), e.tokensIn)
    if (e.tokensCached)
      tokens(`${at}\u0000cached`, () => ({ ...where, direction: 'cached' }), e.tokensCached)
    if (e.tokensOut !== null)
      tokens(`${at}\u0000out`, () => ({ ...where, direction: 'out' }), e.tokensOut)
    if (e.costUsd !== null) cost(at, () => where, e.costUsd)
    else if (e.provider) unpriced(`${served.provider}\u0000${served.model}`, () => served)
    for (const failed of e.attempts.slice(0, -1)) {
      const labels = labelsOf(failed.target.provider, failed.target.model, byRule)
      fallbacks(`${labels.provider}\u0000${labels.model}`, () => labels)
    }
    const c = e.classification
    if (c && c.source === 'classifier' && c.engine !== 'none')
      classifier.observe({ engine: c.engine }, c.ms / 1000)
    if (e.turn) {
      const kind = e.turn.continued ? 'continued' : 'new'
      turns(kind, () => ({ kind }))
    }
    if (e.keyId) {
      const key = e.keyId
      keyRequests(key, () => ({ key }))
      if (e.costUsd) keyCost(key, () => ({ key }), e.costUsd)
    }
  }

  const unsubscribe = deps.events.onAny((event, payload) => {
    if (event === 'requestLogged') observe(payload as RequestLogEntry)
  })

  return {
    contentType: registry.contentType,
    /** The Prometheus text exposition of every metric. */
    text: () => registry.metrics(),
    /** Counts a mux request refused for a missing or wrong member key (401). */
    countRefusedKey: () => refused.inc({ status: '401', reason: 'member_key' }),
    close: unsubscribe,
  }
}

export type Metrics = ReturnType<typeof createMetrics>
