import { z } from 'zod'
import { GroupDecision } from './groups.ts'
import { Target } from './schemas.ts'

export const ClientFormat = z.enum(['openai', 'anthropic'])

/** What the persona classifier said about a request (or why it was skipped). */
export const Classification = z.object({
  personaId: z.string().nullable(),
  personaName: z.string().nullable(),
  score: z.number().nullable(),
  margin: z.number().nullable(),
  engine: z.enum(['lexical', 'embedding', 'generative', 'none']),
  /** `affinity`: reused from an earlier turn of the same conversation. */
  source: z.enum(['classifier', 'affinity']),
  ms: z.number(),
  /** Set when the classifier failed or timed out; persona rules were then skipped. */
  error: z.string().nullable(),
  /** Why no persona was chosen although the engine ran, e.g. "score 0.12 for Data below 0.16"; absent in older log rows. */
  abstained: z.string().nullable().optional(),
})
export type Classification = z.infer<typeof Classification>

/**
 * A decision held for a turn: `continued` when a tool-loop request reused the decision of its turn's
 * first request, made at `decidedAt` (ISO); null when decisions are not held for this request.
 */
export const TurnMark = z.object({ continued: z.boolean(), decidedAt: z.string() })
export type TurnMark = z.infer<typeof TurnMark>

/** Why a request went where it went; the same object feeds headers, the log and route previews. */
export const Decision = z.object({
  workspace: z.string().nullable(),
  /** How the route was chosen: by the workspace's rules, or named directly by the client. */
  via: z.enum(['rules', 'direct', 'group']),
  rule: z
    .object({
      id: z.string(),
      index: z.number().nullable(),
      kind: z.string(),
      label: z.string(),
    })
    .nullable(),
  target: Target,
  fallbacks: z.array(Target),
  requestType: z.enum(['chat', 'fim']),
  files: z.array(z.string()),
  matchedFile: z.string().nullable(),
  classification: Classification.nullable(),
  group: GroupDecision.nullable(),
  turn: TurnMark.nullable(),
  why: z.string(),
  decisionMs: z.number(),
})
export type Decision = z.infer<typeof Decision>

export const Attempt = z.object({
  target: Target,
  status: z.number().nullable(),
  error: z.string().nullable(),
  ms: z.number(),
  /** What Switchboard changed in the request for this target, e.g. "max_tokens clamped 128000→16384 (…)". */
  note: z.string().optional(),
})
export type Attempt = z.infer<typeof Attempt>

export const RequestLogEntry = z.object({
  id: z.number(),
  at: z.string(),
  route: z.string(),
  client: z.string(),
  clientFormat: ClientFormat,
  requestedModel: z.string().nullable(),
  stream: z.boolean(),
  workspace: z.string().nullable(),
  requestType: z.enum(['chat', 'fim']).nullable(),
  files: z.array(z.string()),
  rule: z.string().nullable(),
  /** The rule's kind (`filename`, `persona`, `catch-all`, …), or `direct`/`group` when the client named the target. */
  ruleKind: z.string().nullable(),
  why: z.string().nullable(),
  classification: Classification.nullable(),
  group: GroupDecision.nullable(),
  turn: TurnMark.nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  attempts: z.array(Attempt),
  status: z.number(),
  error: z.string().nullable(),
  latencyMs: z.number(),
  firstTokenMs: z.number().nullable(),
  tokensIn: z.number().nullable(),
  tokensOut: z.number().nullable(),
  /** Prompt tokens read from the provider's cache (part of tokensIn), when the upstream said. */
  tokensCached: z.number().nullable(),
  /** USD at the served model's price; null when its price is unknown or the upstream gave no usage. */
  costUsd: z.number().nullable(),
  /** The member key that made the request, or null (no key on loopback). */
  keyId: z.string().nullable(),
})
export type RequestLogEntry = z.infer<typeof RequestLogEntry>

/** Requests, tokens and spend of one slice of the log (a model, a workspace, a day, or all of it). */
export const SpendSlice = z.object({
  requests: z.number(),
  tokensIn: z.number(),
  tokensOut: z.number(),
  costUsd: z.number(),
  /** Requests whose cost is unknown (no price for the model, or no usage from the upstream). */
  unpricedRequests: z.number(),
})
export type SpendSlice = z.infer<typeof SpendSlice>

/** What the requests of a time range cost, and what routing saved. */
export const ActivitySummary = z.object({
  from: z.string(),
  to: z.string(),
  workspace: z.string().nullable(),
  totals: SpendSlice,
  byModel: z.array(SpendSlice.extend({ provider: z.string().nullable(), model: z.string() })),
  byWorkspace: z.array(SpendSlice.extend({ workspace: z.string().nullable() })),
  /** UTC days, oldest first. */
  byDay: z.array(SpendSlice.extend({ day: z.string() })),
  /**
   * Saved versus sending every priced request of the range to `reference`, the priced model that
   * would have cost the most for these same tokens; null when no priced model was used.
   */
  savings: z
    .object({
      reference: Target,
      /** What the priced requests would have cost at the reference model's price. */
      referenceCostUsd: z.number(),
      /** What those same requests cost. */
      actualCostUsd: z.number(),
      savedUsd: z.number(),
      requests: z.number(),
    })
    .nullable(),
})
export type ActivitySummary = z.infer<typeof ActivitySummary>

/** A request's and response's bodies, kept for debugging when the setting asks for it. */
export const RequestBodies = z.object({
  requestId: z.number(),
  /** The request body as the client sent it (JSON), or null when none was kept. */
  request: z.string().nullable(),
  /** The answer as sent to the client (JSON or server-sent events), cut at a size limit. */
  response: z.string().nullable(),
  truncated: z.boolean(),
})
export type RequestBodies = z.infer<typeof RequestBodies>
