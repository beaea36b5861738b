import { z } from 'zod'
import { ModelName, ProviderId, Target } from './schemas.ts'

/** Rules and workspaces target a group as `{ provider: 'group', model: <group id> }`. */
export const GROUP_PROVIDER = 'group'

export const GroupId = z
  .string()
  .trim()
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/,
    'use 1-64 letters, digits, ".", "_" or "-" (no "/" or ":")',
  )
  .refine(
    (id) => !['switchboard', GROUP_PROVIDER].includes(id.toLowerCase()),
    'this name is reserved',
  )

/** A group target: a provider's model, or (provider null) whichever provider serves that model. */
export const GroupTarget = z.object({
  provider: ProviderId.nullable().default(null),
  model: ModelName,
})
export type GroupTarget = z.infer<typeof GroupTarget>

export const HeuristicRule = z.object({
  /** Substring, or a regular expression written as /.../ */
  pattern: z.string().min(1, 'give a word, phrase or /regular expression/'),
  /** Index into the group's targets (0 = first). */
  target: z.number().int().min(0),
  caseSensitive: z.boolean().default(false),
})
export type HeuristicRule = z.infer<typeof HeuristicRule>

export const GroupClassifier = z.object({
  /** `local`: the local generative GGUF model (no token cost); `provider`: a chosen model, which spends tokens. */
  source: z.enum(['local', 'provider']).default('local'),
  target: Target.nullable().default(null),
})

export const GroupStrategy = z.enum(['heuristic', 'classifier'])

export const ModelGroup = z.object({
  id: z.string(),
  strategy: GroupStrategy,
  targets: z.array(GroupTarget),
  rules: z.array(HeuristicRule),
  classifier: GroupClassifier,
  /** Targets no provider serves yet: the group needs a provider for them. */
  unavailable: z.array(z.string()),
  /**
   * A ready-made group none of whose models a provider serves yet: not offered to clients
   * (GET /v1/mux/models) until a provider that serves one appears.
   */
  waitingForProvider: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when a config file declares this object: it is read-only until the file changes. */
  managedBy: z.string().optional(),
})
export type ModelGroup = z.infer<typeof ModelGroup>

export const GroupDraft = z.object({
  id: GroupId,
  strategy: GroupStrategy,
  targets: z.array(GroupTarget).min(1, 'a group needs at least one target').max(16),
  rules: z.array(HeuristicRule).max(100).default([]),
  classifier: GroupClassifier.default({ source: 'local', target: null }),
})

/** How a group chose, for headers, the log and the test box. */
export const GroupDecision = z.object({
  id: z.string(),
  strategy: GroupStrategy,
  /** The matched rule or indicator, the rating, or why the heuristic stood in. */
  reason: z.string(),
  rating: z.number().nullable(),
  targetIndex: z.number(),
  ms: z.number(),
})
export type GroupDecision = z.infer<typeof GroupDecision>
