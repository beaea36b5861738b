import { z } from 'zod'
import { ProviderKind } from './provider-kinds.ts'

// Entities shared by every transport. Inputs are strict about shape and say what is wrong.

export const ProviderId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'use 1-40 lowercase letters, digits, ".", "_" or "-"')
export const WorkspaceName = z
  .string()
  .trim()
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u,
    'use 1-64 letters, digits, spaces, ".", "_" or "-"',
  )
  .refine((n) => !['active', 'import'].includes(n.toLowerCase()), 'this name is reserved')
export const ModelName = z.string().trim().min(1, 'name a model').max(200)
export const Endpoint = z
  .string()
  .trim()
  .url('give a full URL such as http://localhost:11434')
  .refine((u) => /^https?:\/\//.test(u), 'use an http:// or https:// URL')
  .transform((u) => u.replace(/\/+$/, ''))

export const AuthType = z.enum(['none', 'api_key'])

export const DiscoveredModel = z.object({
  id: z.string(),
  name: z.string().optional(),
  contextLength: z.number().optional(),
  /** The largest max_tokens the provider accepts for the model, when it publishes one. */
  maxOutputTokens: z.number().optional(),
})
export type DiscoveredModel = z.infer<typeof DiscoveredModel>

export const ProviderStatus = z.enum(['unknown', 'ok', 'error'])

export const Provider = z.object({
  id: ProviderId,
  name: z.string(),
  kind: ProviderKind,
  endpoint: z.string(),
  description: z.string(),
  auth: AuthType,
  /** Masked key such as "••••1234"; the key itself never leaves the core. */
  apiKeyHint: z.string().nullable(),
  status: ProviderStatus,
  statusError: z.string().nullable(),
  checkedAt: z.string().nullable(),
  models: z.array(DiscoveredModel),
  modelsRefreshedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when a config file declares this object: it is read-only until the file changes. */
  managedBy: z.string().optional(),
})
export type Provider = z.infer<typeof Provider>

export const Target = z.object({ provider: ProviderId, model: ModelName })
export type Target = z.infer<typeof Target>

export const RequestType = z.enum(['chat', 'fim', 'any'])
export type RequestType = z.infer<typeof RequestType>

const routed = {
  id: z.string().optional(),
  target: Target,
  fallbacks: z.array(Target).max(8).default([]),
}

export const FilenameRule = z.object({
  ...routed,
  kind: z.literal('filename'),
  pattern: z
    .string()
    .trim()
    .min(1, 'give a file name pattern such as .tsx or src/**/*.py')
    .max(256, 'keep the pattern under 256 characters'),
  caseSensitive: z.boolean().default(false),
  requestType: RequestType.default('any'),
})
export const RequestTypeRule = z.object({
  ...routed,
  kind: z.literal('request-type'),
  requestType: z.enum(['chat', 'fim']),
})
export const PersonaId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use a persona id: lowercase letters, digits, "_" or "-"')
export const PersonaRule = z.object({
  ...routed,
  kind: z.literal('persona'),
  persona: PersonaId,
  requestType: RequestType.default('any'),
})
export const ModelRule = z.object({
  ...routed,
  kind: z.literal('model'),
  pattern: z
    .string()
    .trim()
    .min(1, 'give a model name pattern such as *haiku* or gpt-4o-mini')
    .max(200, 'use at most 200 characters'),
})
export const ContextRule = z.object({
  ...routed,
  kind: z.literal('context'),
  minTokens: z
    .number({ error: 'give the minimum estimated prompt tokens as a number, e.g. 60000' })
    .int('use a whole number of tokens, e.g. 60000')
    .positive('use a positive number of tokens, e.g. 60000')
    .max(100_000_000, 'use at most 100000000 tokens'),
})
export const ThinkingRule = z.object({ ...routed, kind: z.literal('thinking') })
export const ImagesRule = z.object({ ...routed, kind: z.literal('images') })
export const ToolsRule = z.object({
  ...routed,
  kind: z.literal('tools'),
  /** Only requests offering this tool (name or built-in type, e.g. web_search); any tool if unset. */
  tool: z.string().trim().max(200, 'use at most 200 characters').optional(),
})
export const Rule = z.discriminatedUnion('kind', [
  FilenameRule,
  RequestTypeRule,
  PersonaRule,
  ModelRule,
  ContextRule,
  ThinkingRule,
  ImagesRule,
  ToolsRule,
])
export type Rule = z.infer<typeof Rule>
export type StoredRule = Rule & { id: string }

export const CatchAll = z.object({ target: Target, fallbacks: z.array(Target).max(8).default([]) })
export type CatchAll = z.infer<typeof CatchAll>

export const Workspace = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  rules: z.array(Rule.and(z.object({ id: z.string() }))),
  catchAll: CatchAll.nullable(),
  /** The tool-loop requests of a turn keep the decision of its first request (model, persona, group). */
  holdDecisionForTurn: z.boolean(),
  /** Past this spend today (UTC), paid targets are skipped for free or local fallbacks; null: no cap. */
  dailySpendCapUsd: z.number().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when a config file declares this object: it is read-only until the file changes. */
  managedBy: z.string().optional(),
})
export type Workspace = z.infer<typeof Workspace>

export const WorkspaceSummary = Workspace.pick({
  id: true,
  name: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  managedBy: true,
}).extend({
  ruleCount: z.number(),
})
export type WorkspaceSummary = z.infer<typeof WorkspaceSummary>

/** The portable form of a workspace: providers by id, no secrets. */
export const WorkspaceExport = z.object({
  switchboard: z.literal('workspace'),
  version: z.literal(1),
  name: WorkspaceName,
  rules: z.array(Rule),
  catchAll: CatchAll.nullable(),
  // Documents exported before the setting existed import with its default.
  holdDecisionForTurn: z.boolean().default(true),
})
export type WorkspaceExport = z.infer<typeof WorkspaceExport>

/**
 * What an import uses in place of the providers, personas and model groups its document names;
 * null drops the rules (and fallbacks) that use one.
 */
export const WorkspaceImportMaps = z.object({
  providerMap: z.record(ProviderId, ProviderId.nullable()).default({}),
  personaMap: z.record(PersonaId, PersonaId.nullable()).default({}),
  groupMap: z.record(z.string(), z.string().min(1).nullable()).default({}),
})
export type WorkspaceImportMaps = z.infer<typeof WorkspaceImportMaps>

export const RuleUsage = z.object({
  workspace: z.string(),
  ruleId: z.string(),
  kind: z.string(),
  as: z.enum(['target', 'fallback']),
})
export type RuleUsage = z.infer<typeof RuleUsage>

export const PersonaName = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,63}$/u, 'use 1-64 letters, digits, spaces, "-" or "_"')

/** An example the user taught by correcting a persona decision (typed examples are plain strings). */
export const LearnedExample = z.object({
  id: z.number(),
  text: z.string(),
  /** `request`: from a logged request's decision; `tester`: from the persona test box. */
  source: z.enum(['request', 'tester']),
  requestId: z.number().nullable(),
  requestAt: z.string().nullable(),
  createdAt: z.string(),
})
export type LearnedExample = z.infer<typeof LearnedExample>

/** How the classifier did on requests the user checked: it picked this persona `checked` times. */
export const PersonaAccuracy = z.object({
  checked: z.number(),
  right: z.number(),
  /** Requests that belonged to this persona but went elsewhere (or to none). */
  missed: z.number(),
})
export type PersonaAccuracy = z.infer<typeof PersonaAccuracy>

export const Persona = z.object({
  id: PersonaId,
  name: z.string(),
  description: z.string(),
  /** The examples the user typed; the classifier also reads `learnedExamples`. */
  examples: z.array(z.string()),
  learnedExamples: z.array(LearnedExample),
  accuracy: PersonaAccuracy,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when a config file declares this object: it is read-only until the file changes. */
  managedBy: z.string().optional(),
})
export type Persona = z.infer<typeof Persona>

/** Learned examples kept per persona; the oldest goes when a correction adds one more. */
export const MAX_LEARNED_EXAMPLES = 200

/** Personas as portable JSON (they are global, not part of a workspace): import them before a workspace that routes by them. */
export const PersonaExport = z.object({
  switchboard: z.literal('personas'),
  version: z.literal(1),
  personas: z
    .array(
      z.object({
        id: PersonaId,
        name: PersonaName,
        description: z.string().trim().min(10, 'describe the persona in a sentence').max(1_000),
        examples: z.array(z.string().trim().min(1).max(2_000)).max(50).default([]),
        learnedExamples: z
          .array(
            z.object({
              text: z.string().trim().min(1).max(2_000),
              source: z.enum(['request', 'tester']).default('request'),
              requestAt: z.string().nullable().default(null),
            }),
          )
          .max(MAX_LEARNED_EXAMPLES)
          .default([]),
      }),
    )
    .max(500),
})
export type PersonaExport = z.infer<typeof PersonaExport>

/** A persona whose description reads almost like another's: the user should tell them apart. */
export const SimilarityWarning = z.object({ persona: z.string(), similarity: z.number() })
export type SimilarityWarning = z.infer<typeof SimilarityWarning>

export const EngineName = z.enum(['lexical', 'embedding', 'generative'])

const perMillion = z.number().min(0, 'a price cannot be negative').max(10_000)
/** A model's price in USD per million tokens; `cacheRead` is for prompt tokens read from a cache. */
export const ModelPrice = z.object({ input: perMillion, output: perMillion, cacheRead: perMillion })
export type ModelPrice = z.infer<typeof ModelPrice>

/** A price that replaces the table's for one provider's models (`*` and `?` globs), e.g. a negotiated rate. */
export const PriceOverride = z.object({
  provider: ProviderId,
  model: z.string().trim().min(1, 'name a model or a glob such as gpt-4o*').max(200).default('*'),
  price: ModelPrice,
})
export type PriceOverride = z.infer<typeof PriceOverride>

export const Settings = z.object({
  upstreamConnectTimeoutMs: z.number().int().min(100).max(120_000),
  upstreamFirstByteTimeoutMs: z.number().int().min(100).max(600_000),
  discoveryTimeoutMs: z.number().int().min(100).max(60_000),
  requestLogMaxRows: z.number().int().min(100).max(10_000_000),
  /** The persona classifier: which engine, and whether lexical answers first when it is sure. */
  classifierEngine: EngineName,
  classifierCascade: z.boolean(),
  /** Lexical answers alone when its margin over the runner-up is at least this. */
  cascadeDecisiveMargin: z.number().min(0).max(1),
  /** Embedding engine: below this cosine score, or this margin, it is "no persona". */
  embeddingMinScore: z.number().min(-1).max(1),
  embeddingMinMargin: z.number().min(0).max(2),
  /**
   * Embedding engine: the most tokens of model input per ask, from its start, the model's own
   * [CLS] and [SEP] included; the model's window caps it.
   */
  embeddingTokenBudget: z
    .number()
    .int()
    .min(16, { error: 'use at least 16 tokens: fewer hold too little of the ask' })
    .max(8_192, {
      error: 'use at most 8192 tokens; the model reads no more than its window anyway',
    }),
  /** Lexical engine: below this score, or this lead over the runner-up, it is "no persona". */
  lexicalMinScore: z.number().min(0).max(1),
  lexicalMinMargin: z.number().min(0).max(1),
  classifierTimeoutMs: z.number().int().min(10).max(60_000),
  /** A conversation keeps its persona for its following turns. */
  personaAffinity: z.boolean(),
  /** The desktop app: launch at login, a notification on workspace switch, the proxy's port. */
  startAtLogin: z.boolean(),
  notifyOnWorkspaceSwitch: z.boolean(),
  port: z.number().int().min(1).max(65535),
  /** 127.0.0.1 keeps the proxy on this machine; 0.0.0.0 (or a LAN address) opens it to the network. */
  bindAddress: z.union([z.literal('localhost'), z.ipv4(), z.ipv6()], {
    error: 'use an IP address: 127.0.0.1 for this machine only, 0.0.0.0 for every network',
  }),
  /** Consent to a bindAddress other machines can reach; without it only loopback is accepted. */
  allowRemote: z.boolean(),
  /**
   * Host names the proxy answers to besides this machine's own names and addresses (a DNS alias
   * of it); any other Host header is refused, against DNS rebinding.
   */
  extraHostNames: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^([a-z0-9_-]+\.)*[a-z0-9_-]+$/, 'use a host name such as build-box.lan'),
    )
    .max(32),
  /** Prices that win over the model facts table; the first matching entry applies. */
  priceOverrides: z.array(PriceOverride).max(200),
  /** Member keys on /v1/mux even on loopback (beyond loopback they are always required). */
  requireMuxKeys: z.boolean(),
  /** Keep each request's and response's body this many days for debugging; 0 (the default) keeps none. */
  keepRequestBodiesDays: z.number().int().min(0).max(90),
})
export type Settings = z.infer<typeof Settings>

export const defaultSettings: Settings = {
  upstreamConnectTimeoutMs: 5_000,
  upstreamFirstByteTimeoutMs: 120_000,
  discoveryTimeoutMs: 5_000,
  requestLogMaxRows: 50_000,
  classifierEngine: 'embedding',
  classifierCascade: true,
  // Calibrated with `npm run calibrate:personas` (see README, "Personas: what decides").
  cascadeDecisiveMargin: 0.1,
  embeddingMinScore: 0.3,
  embeddingMinMargin: 0.02,
  embeddingTokenBudget: 128,
  lexicalMinScore: 0.16,
  lexicalMinMargin: 0,
  classifierTimeoutMs: 1_500,
  personaAffinity: true,
  startAtLogin: false,
  notifyOnWorkspaceSwitch: false,
  port: 8989,
  bindAddress: '127.0.0.1',
  allowRemote: false,
  extraHostNames: [],
  priceOverrides: [],
  requireMuxKeys: false,
  keepRequestBodiesDays: 0,
}

export const ServerStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('stopped') }),
  z.object({ state: z.literal('listening'), url: z.string(), host: z.string(), port: z.number() }),
  z.object({
    state: z.literal('error'),
    message: z.string(),
    code: z.enum(['port_in_use', 'other']),
  }),
])
export type ServerStatus = z.infer<typeof ServerStatus>

export const AppStatus = z.object({
  version: z.string(),
  dataDir: z.string(),
  server: ServerStatus,
  activeWorkspace: z.string(),
})
export type AppStatus = z.infer<typeof AppStatus>
