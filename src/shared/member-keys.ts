import { z } from 'zod'
import { WorkspaceName } from './schemas.ts'

// Member keys: one per team member or tool, sent to /v1/mux as a Bearer token or x-api-key.

/** The prefix every member key starts with, so a leaked key is recognisable. */
export const MEMBER_KEY_PREFIX = 'sk-sb-'

export const MemberKey = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, e.g. "sk-sb-Ab3d…", to tell keys apart; the key itself is never stored. */
  hint: z.string(),
  /** Requests with this key always route by this workspace; null lets the client choose. */
  workspace: z.string().nullable(),
  /** Once a UTC day's spend reaches this, requests get 429 until midnight UTC; null: no cap. */
  dailyCapUsd: z.number().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
})
export type MemberKey = z.infer<typeof MemberKey>

export const MemberKeyDraft = z.object({
  name: z.string().trim().min(1, 'name the key after its member or tool').max(80),
  workspace: WorkspaceName.nullable().default(null),
  dailyCapUsd: z
    .number()
    .positive('give a cap above 0, or null for no cap')
    .max(1_000_000)
    .nullable()
    .default(null),
})

const UsageTotals = z.object({
  requests: z.number(),
  tokensIn: z.number(),
  tokensOut: z.number(),
  costUsd: z.number(),
  /** Requests whose cost is unknown (a model without a price), not in costUsd. */
  unpricedRequests: z.number(),
})

export const MemberKeyUsage = z.object({
  key: MemberKey,
  /** The current UTC day, from midnight UTC. */
  today: UsageTotals,
  last30Days: UsageTotals,
  /** When today's count starts again (the next midnight UTC, ISO). */
  resetsAt: z.string(),
})
export type MemberKeyUsage = z.infer<typeof MemberKeyUsage>
