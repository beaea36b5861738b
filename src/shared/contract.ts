import { z } from 'zod'
import { ActivitySummary, Decision, RequestBodies, RequestLogEntry } from './activity.ts'
import { GroupDecision, GroupDraft, ModelGroup } from './groups.ts'
import { MemberKey, MemberKeyDraft, MemberKeyUsage } from './member-keys.ts'
import { ClassifierStatus, LocalModel, ModelEngine } from './models.ts'
import { operation } from './operation.ts'
import { ProviderKind } from './provider-kinds.ts'
import {
  AppStatus,
  AuthType,
  CatchAll,
  DiscoveredModel,
  Endpoint,
  EngineName,
  LearnedExample,
  Persona,
  PersonaExport,
  PersonaId,
  PersonaName,
  Provider,
  ProviderId,
  Rule,
  RuleUsage,
  Settings,
  SimilarityWarning,
  Workspace,
  WorkspaceExport,
  WorkspaceImportMaps,
  WorkspaceName,
  WorkspaceSummary,
} from './schemas.ts'

const none = z.object({})
const byProvider = z.object({ id: ProviderId })
const byWorkspace = z.object({ name: z.string().min(1) })
const ok = z.object({ ok: z.literal(true) })
const isoTime = z.iso.datetime({
  offset: true,
  error: 'use an ISO 8601 time such as 2025-01-31T09:00:00Z',
})
const flag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true')

const ProviderDraft = z.object({
  name: z.string().trim().min(1, 'give the provider a display name').max(80),
  kind: ProviderKind,
  endpoint: Endpoint.optional(),
  description: z.string().max(500).default(''),
  auth: AuthType.optional(),
  apiKey: z.string().max(500).optional(),
})

/**
 * A stored key goes only to the endpoint it was entered for: to send it to another origin, the
 * caller types the key again or confirms with this flag.
 */
const keyConsent = {
  keepApiKeyForNewEndpoint: z.boolean().optional(),
}

const PersonaDraft = z.object({
  name: PersonaName,
  description: z.string().trim().min(10, 'describe the persona in a sentence').max(1_000),
  examples: z.array(z.string().trim().min(1).max(2_000)).max(50).default([]),
})
const PersonaSaved = z.object({ persona: Persona, warnings: z.array(SimilarityWarning) })

const Verdict = z.enum(['right', 'wrong'], {
  error: 'use "right" or "wrong": was the persona the classifier chose the right one?',
})
const PersonaCorrection = z
  .object({
    requestId: z.coerce
      .number({ error: 'give the id of a logged request (GET /api/v1/requests)' })
      .int()
      .positive()
      .optional(),
    text: z.string().trim().min(1, 'give the prompt that was classified').max(100_000).optional(),
    verdict: Verdict,
    /** The persona that is right; null: none of them. Needed when the verdict is "wrong". */
    personaId: PersonaId.nullable().optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.requestId === undefined) === (input.text === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['requestId'],
        message:
          'give either requestId (a logged request) or text (a prompt from the test box), not both',
      })
    } else if (input.verdict === 'wrong' && input.personaId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['personaId'],
        message: 'say which persona was right, or null for none of them',
      })
    } else if (input.text !== undefined && !input.personaId) {
      ctx.addIssue({
        code: 'custom',
        path: ['personaId'],
        message: 'say which persona this prompt belongs to',
      })
    }
  })
const CorrectionResult = z.object({
  verdict: Verdict,
  requestId: z.number().nullable(),
  /** What the classifier chose for the request (null for a prompt from the test box, or none). */
  classifiedPersonaId: z.string().nullable(),
  /** The persona the user says is right; null: none of them. */
  personaId: z.string().nullable(),
  /** The example learned from the ask, if any. */
  example: LearnedExample.nullable(),
  /** false when the request's text is no longer kept in memory, so nothing could be learned. */
  askAvailable: z.boolean(),
  message: z.string(),
})

/**
 * The management contract: every operation the app, the REST API and tests can call.
 * Names are the IPC channels; `http` is the REST route. Implemented once in core/api.
 */
export const contract = {
  getStatus: operation({
    summary: 'Version, data directory, proxy status and the active workspace.',
    input: none,
    output: AppStatus,
    http: { method: 'GET', path: '/status' },
  }),
  listProviderKinds: operation({
    summary: 'Provider kinds with their default endpoint and auth.',
    input: none,
    output: z.array(
      z.object({
        kind: ProviderKind,
        label: z.string(),
        defaultEndpoint: z.string(),
        defaultAuth: AuthType,
        wireFormat: z.enum(['openai', 'anthropic', 'ollama']),
        hint: z.string(),
      }),
    ),
    http: { method: 'GET', path: '/provider-kinds' },
  }),
  listProviders: operation({
    summary: 'All providers with their status and discovered models.',
    input: none,
    output: z.array(Provider),
    http: { method: 'GET', path: '/providers' },
  }),
  getProvider: operation({
    summary: 'One provider.',
    input: byProvider,
    output: Provider,
    http: { method: 'GET', path: '/providers/:id' },
  }),
  createProvider: operation({
    summary:
      'Save a provider, then connect and retrieve its models. An unreachable provider is saved with its error.',
    input: ProviderDraft.extend({ id: ProviderId.optional() }),
    output: Provider,
    http: { method: 'POST', path: '/providers' },
  }),
  updateProvider: operation({
    summary:
      'Edit a provider; a blank or missing apiKey keeps the stored key, but a new endpoint origin needs the key again or keepApiKeyForNewEndpoint: true. Models are refreshed.',
    input: byProvider.extend(ProviderDraft.partial().shape).extend(keyConsent).strict(),
    output: Provider,
    http: { method: 'PATCH', path: '/providers/:id' },
  }),
  deleteProvider: operation({
    summary:
      'Delete a provider. Refused while workspace rules use it unless force is set; forcing removes those rules.',
    input: byProvider.extend({ force: flag.default(false) }),
    output: z.object({ deleted: ProviderId, removedRules: z.array(RuleUsage) }),
    http: { method: 'DELETE', path: '/providers/:id' },
  }),
  refreshProvider: operation({
    summary: 'Connect to the provider again and retrieve its models.',
    input: byProvider,
    output: Provider,
    http: { method: 'POST', path: '/providers/:id/refresh' },
  }),
  testProvider: operation({
    summary:
      'Try a provider configuration without saving it; for an existing id a blank key uses the stored key, on another endpoint origin only with keepApiKeyForNewEndpoint: true.',
    input: ProviderDraft.partial({ name: true })
      .extend({ id: ProviderId.optional() })
      .extend(keyConsent),
    output: z.object({
      ok: z.boolean(),
      error: z.string().nullable(),
      models: z.array(DiscoveredModel),
    }),
    http: { method: 'POST', path: '/providers/test' },
  }),

  listWorkspaces: operation({
    summary: 'All workspaces; exactly one is active.',
    input: none,
    output: z.array(WorkspaceSummary),
    http: { method: 'GET', path: '/workspaces' },
  }),
  getActiveWorkspace: operation({
    summary: 'The active workspace with its rules.',
    input: none,
    output: Workspace,
    http: { method: 'GET', path: '/workspaces/active' },
  }),
  activateWorkspace: operation({
    summary: 'Make a workspace the active one.',
    input: byWorkspace,
    output: Workspace,
    http: { method: 'POST', path: '/workspaces/active' },
  }),
  getWorkspace: operation({
    summary: 'One workspace with its ordered rules and catch-all.',
    input: byWorkspace,
    output: Workspace,
    http: { method: 'GET', path: '/workspaces/:name' },
  }),
  createWorkspace: operation({
    summary: 'Create an empty workspace.',
    input: z.object({ name: WorkspaceName }),
    output: Workspace,
    http: { method: 'POST', path: '/workspaces' },
  }),
  renameWorkspace: operation({
    summary: 'Rename a workspace.',
    input: byWorkspace.extend({ newName: WorkspaceName }).strict(),
    output: Workspace,
    http: { method: 'PATCH', path: '/workspaces/:name' },
  }),
  deleteWorkspace: operation({
    summary: 'Delete a workspace and its rules. The active workspace cannot be deleted.',
    input: byWorkspace,
    output: ok,
    http: { method: 'DELETE', path: '/workspaces/:name' },
  }),
  setRules: operation({
    summary:
      'Replace the ordered rules of a workspace (first match wins; the catch-all comes after them).',
    input: byWorkspace.extend({ rules: z.array(Rule).max(200) }).strict(),
    output: Workspace,
    http: { method: 'PUT', path: '/workspaces/:name/rules' },
  }),
  setCatchAll: operation({
    summary: 'Set (or clear with null) the target used when no rule matches.',
    input: byWorkspace.extend({ catchAll: CatchAll.nullable() }).strict(),
    output: Workspace,
    http: { method: 'PUT', path: '/workspaces/:name/catch-all' },
  }),
  setWorkspaceOptions: operation({
    summary:
      'Workspace options. holdDecisionForTurn: the tool-loop requests after a human message keep the decision made for it. dailySpendCapUsd: past this spend today (UTC), paid targets are skipped for free or local fallbacks (null: no cap).',
    input: byWorkspace
      .extend({
        holdDecisionForTurn: z.boolean().optional(),
        dailySpendCapUsd: z
          .number()
          .positive('give a cap above $0, or null for no cap')
          .max(1_000_000)
          .nullable()
          .optional(),
      })
      .strict(),
    output: Workspace,
    http: { method: 'PUT', path: '/workspaces/:name/options' },
  }),
  exportWorkspace: operation({
    summary: 'A workspace as portable JSON: providers by id, never secrets.',
    input: byWorkspace,
    output: WorkspaceExport,
    http: { method: 'GET', path: '/workspaces/:name/export' },
  }),
  importWorkspace: operation({
    summary:
      'Create a workspace from exported JSON; `name` renames it, `replace` overwrites one of the same name. providerMap, personaMap and groupMap put one of yours in place of each one the document names (null drops the rules that use it).',
    input: z
      .object({
        document: WorkspaceExport,
        name: WorkspaceName.optional(),
        replace: z.boolean().default(false),
      })
      .extend(WorkspaceImportMaps.shape),
    output: Workspace,
    http: { method: 'POST', path: '/workspaces/import' },
  }),

  listPersonas: operation({
    summary: 'All personas.',
    input: none,
    output: z.array(Persona),
    http: { method: 'GET', path: '/personas' },
  }),
  createPersona: operation({
    summary:
      "Create a persona; a description close to another persona's comes back with a similarity warning.",
    input: PersonaDraft,
    output: PersonaSaved,
    http: { method: 'POST', path: '/personas' },
  }),
  updatePersona: operation({
    summary: 'Edit a persona.',
    input: z.object({ id: PersonaId }).extend(PersonaDraft.partial().shape).strict(),
    output: PersonaSaved,
    http: { method: 'PATCH', path: '/personas/:id' },
  }),
  deletePersona: operation({
    summary:
      'Delete a persona. Refused while persona rules use it unless force is set; forcing removes those rules.',
    input: z.object({ id: PersonaId, force: flag.default(false) }),
    output: z.object({
      deleted: PersonaId,
      removedRules: z.array(z.object({ workspace: z.string(), ruleId: z.string() })),
    }),
    http: { method: 'DELETE', path: '/personas/:id' },
  }),
  correctPersonaDecision: operation({
    summary:
      'Mark the persona chosen for a logged request (requestId) or a test prompt (text) right or wrong; the ask becomes an example of the right persona, read by every engine from the next request on.',
    input: PersonaCorrection,
    output: CorrectionResult,
    http: { method: 'POST', path: '/personas/corrections' },
  }),
  getRequestAsk: operation({
    summary:
      'The text the persona classifier read for a recent request; kept in memory only (the last 1,000 requests, 24 hours), null once gone.',
    input: z.object({ requestId: z.coerce.number().int().positive() }),
    output: z.object({ requestId: z.number(), text: z.string().nullable() }),
    http: { method: 'GET', path: '/requests/:requestId/ask' },
  }),
  removePersonaExample: operation({
    summary: 'Remove an example a correction taught a persona.',
    input: z.object({ id: PersonaId, exampleId: z.coerce.number().int().positive() }),
    output: Persona,
    http: { method: 'DELETE', path: '/personas/:id/examples/:exampleId' },
  }),
  exportPersonas: operation({
    summary:
      'Every persona as portable JSON, with typed and learned examples (personas are shared by all workspaces).',
    input: none,
    output: PersonaExport,
    http: { method: 'GET', path: '/personas/export' },
  }),
  importPersonas: operation({
    summary:
      'Create personas from exported JSON; one whose id exists is left alone unless `replace` is set. Import personas before a workspace that routes by them.',
    input: z.object({ document: PersonaExport, replace: z.boolean().default(false) }),
    output: z.object({
      created: z.array(z.string()),
      replaced: z.array(z.string()),
      skipped: z.array(z.string()),
    }),
    http: { method: 'POST', path: '/personas/import' },
  }),
  testPersonas: operation({
    summary:
      "Every persona's score for a prompt, from one engine (default: the one that classifies requests right now, as routing would), without routing anything.",
    input: z.object({
      prompt: z.string().min(1, 'type a prompt to test').max(100_000),
      engine: EngineName.optional(),
    }),
    output: z.object({
      engine: EngineName,
      ms: z.number(),
      scores: z.array(z.object({ personaId: z.string(), name: z.string(), score: z.number() })),
      /** The persona routing would pick, or null: then `abstained` says why (or `error`). */
      personaId: z.string().nullable(),
      abstained: z.string().nullable(),
      error: z.string().nullable(),
    }),
    http: { method: 'POST', path: '/personas/test' },
  }),

  listModels: operation({
    summary: 'Local classifier models: the catalog and imported files, with their status.',
    input: none,
    output: z.array(LocalModel),
    http: { method: 'GET', path: '/models' },
  }),
  downloadModel: operation({
    summary:
      'Start (or resume) downloading a catalog model; progress arrives as modelChanged events.',
    input: z.object({ id: z.string().min(1) }),
    output: LocalModel,
    http: { method: 'POST', path: '/models/:id/download' },
  }),
  cancelModelDownload: operation({
    summary: 'Stop a download; the partial file is kept so downloading again resumes.',
    input: z.object({ id: z.string().min(1) }),
    output: LocalModel,
    http: { method: 'POST', path: '/models/:id/cancel' },
  }),
  deleteModel: operation({
    summary: 'Delete a downloaded or imported model file.',
    input: z.object({ id: z.string().min(1) }),
    output: ok,
    http: { method: 'DELETE', path: '/models/:id' },
  }),
  importModel: operation({
    summary: 'Import a GGUF file from disk for an engine.',
    input: z.object({
      path: z.string().min(1, 'give the path of a .gguf file'),
      engine: ModelEngine,
    }),
    output: LocalModel,
    http: { method: 'POST', path: '/models/import' },
  }),
  setActiveModel: operation({
    summary: 'Choose the model an engine uses (null: back to the default).',
    input: z.object({ engine: ModelEngine, id: z.string().nullable() }).strict(),
    output: ClassifierStatus,
    http: { method: 'PUT', path: '/models/active' },
  }),
  getClassifierStatus: operation({
    summary: 'Which engine classifies personas now, the active models and their load status.',
    input: none,
    output: ClassifierStatus,
    http: { method: 'GET', path: '/classifier' },
  }),

  listGroups: operation({
    summary:
      'Model groups: virtual model names clients can send, with the strategy that picks a target.',
    input: none,
    output: z.array(ModelGroup),
    http: { method: 'GET', path: '/model-groups' },
  }),
  getGroup: operation({
    summary: 'One model group.',
    input: z.object({ id: z.string().min(1) }),
    output: ModelGroup,
    http: { method: 'GET', path: '/model-groups/:id' },
  }),
  createGroup: operation({
    summary: 'Create a model group.',
    input: GroupDraft,
    output: ModelGroup,
    http: { method: 'POST', path: '/model-groups' },
  }),
  updateGroup: operation({
    summary: 'Replace a model group (its id stays).',
    input: GroupDraft.omit({ id: true })
      .partial()
      .extend({ id: z.string().min(1) })
      .strict(),
    output: ModelGroup,
    http: { method: 'PATCH', path: '/model-groups/:id' },
  }),
  deleteGroup: operation({
    summary: 'Delete a model group.',
    input: z.object({ id: z.string().min(1) }),
    output: ok,
    http: { method: 'DELETE', path: '/model-groups/:id' },
  }),
  testGroup: operation({
    summary:
      'Which target a group would pick for a prompt, and why, without calling the chosen target.',
    input: z.object({ id: z.string().min(1), prompt: z.string().min(1, 'type a prompt to test') }),
    output: GroupDecision.extend({
      target: z.object({ provider: z.string().nullable(), model: z.string() }),
    }),
    http: { method: 'POST', path: '/model-groups/:id/test' },
  }),

  previewRoute: operation({
    summary:
      'The full routing decision for a request body (OpenAI chat, completions or Responses, or Anthropic Messages shape), without calling any provider; with `draft`, by rules not saved yet.',
    input: z.object({
      body: z.record(z.string(), z.unknown()),
      route: z.enum(['chat', 'completions', 'messages', 'responses']).default('chat'),
      workspace: z.string().optional(),
      /** Unsaved rules and catch-all of that workspace (the editor's draft), used instead of the saved ones. */
      draft: z
        .object({
          rules: z.array(Rule).max(200),
          catchAll: CatchAll.nullable(),
          holdDecisionForTurn: z.boolean().optional(),
        })
        .optional(),
    }),
    output: Decision,
    http: { method: 'POST', path: '/route-preview' },
  }),
  listRequests: operation({
    summary: 'The request log, newest first; pass `before` (an id) to page back.',
    input: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(50),
      before: z.coerce.number().int().optional(),
      workspace: z.string().optional(),
      model: z.string().optional(),
      status: z.enum(['ok', 'error']).optional(),
      /** ISO times: requests at or after `from` and before `to`. */
      from: isoTime.optional(),
      to: isoTime.optional(),
      /** Words found in the model, provider, client, rule, workspace, group, file names, attempts or error. */
      search: z.string().trim().max(200).optional(),
    }),
    output: z.object({ requests: z.array(RequestLogEntry), nextBefore: z.number().nullable() }),
    http: { method: 'GET', path: '/requests' },
  }),
  getRequestBodies: operation({
    summary:
      "A logged request's request and response bodies, when keepRequestBodiesDays kept them (never headers).",
    input: z.object({ id: z.coerce.number().int().positive() }),
    output: RequestBodies,
    http: { method: 'GET', path: '/requests/:id/bodies' },
  }),
  activitySummary: operation({
    summary:
      'Spend per model, workspace and UTC day for a time range (default: the last 7 days), and what routing saved versus sending every request to the priciest model used.',
    input: z.object({
      from: isoTime.optional(),
      to: isoTime.optional(),
      workspace: z.string().optional(),
    }),
    output: ActivitySummary,
    http: { method: 'GET', path: '/activity/summary' },
  }),
  clearRequests: operation({
    summary: 'Delete the whole request log.',
    input: none,
    output: ok,
    http: { method: 'DELETE', path: '/requests' },
  }),

  listMemberKeys: operation({
    summary:
      'Member keys for /v1/mux, newest first, revoked ones included (never the keys themselves).',
    input: none,
    output: z.array(MemberKey),
    http: { method: 'GET', path: '/member-keys' },
  }),
  createMemberKey: operation({
    summary:
      'Create a member key. `secret` is the key to hand to the member: it is returned this once and only its hash is stored.',
    input: MemberKeyDraft,
    output: z.object({ key: MemberKey, secret: z.string() }),
    http: { method: 'POST', path: '/member-keys' },
  }),
  revokeMemberKey: operation({
    summary:
      'Revoke a member key: requests with it are refused at once; its usage stays in the log.',
    input: z.object({ id: z.string().min(1) }),
    output: MemberKey,
    http: { method: 'DELETE', path: '/member-keys/:id' },
  }),
  getMemberKeyUsage: operation({
    summary: "A member key's requests, tokens and cost today (UTC) and over the last 30 days.",
    input: z.object({ id: z.string().min(1) }),
    output: MemberKeyUsage,
    http: { method: 'GET', path: '/member-keys/:id/usage' },
  }),

  regenerateAdminToken: operation({
    summary:
      'Replace the admin token with a new one (the old one stops working at once). The new token is returned once, to the caller who asked for it.',
    input: none,
    output: z.object({ token: z.string() }),
    http: { method: 'POST', path: '/admin-token/regenerate' },
  }),
  getSettings: operation({
    summary: 'Proxy and discovery settings.',
    input: none,
    output: Settings,
    http: { method: 'GET', path: '/settings' },
  }),
  updateSettings: operation({
    summary: 'Change some settings.',
    input: Settings.partial().strict(),
    output: Settings,
    http: { method: 'PATCH', path: '/settings' },
  }),
}

export type Contract = typeof contract
export type OperationName = keyof Contract
export type OperationInput<K extends OperationName> = z.input<Contract[K]['input']>
export type ParsedInput<K extends OperationName> = z.output<Contract[K]['input']>
export type OperationOutput<K extends OperationName> = z.output<Contract[K]['output']>

/** The typed client every transport offers: `api.createProvider({...})`. */
export type Api = {
  [K in OperationName]: (input: OperationInput<K>) => Promise<OperationOutput<K>>
}
