import { z } from 'zod'

export const ModelEngine = z.enum(['embedding', 'generative'])

/** Where a local classifier model stands; pushed as it changes. */
export const ModelStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('missing'), partialBytes: z.number() }),
  z.object({
    state: z.literal('downloading'),
    receivedBytes: z.number(),
    totalBytes: z.number().nullable(),
    bytesPerSecond: z.number(),
    etaSeconds: z.number().nullable(),
  }),
  z.object({ state: z.literal('ready'), path: z.string(), sizeBytes: z.number() }),
  z.object({ state: z.literal('loading'), progress: z.number() }),
  z.object({ state: z.literal('error'), message: z.string() }),
])

export const LocalModel = z.object({
  id: z.string(),
  name: z.string(),
  engine: ModelEngine,
  source: z.enum(['catalog', 'imported']),
  uri: z.string().nullable(),
  /** Where a catalog model downloads from (hf: resolved), for fetching it by hand when offline. */
  downloadUrl: z.string().nullable(),
  /** Where a catalog model's file belongs: a verified file put there by hand is used as is. */
  filePath: z.string().nullable(),
  sizeBytes: z.number(),
  /** `sizeBytes` is the host's rounded figure, not the exact byte count. */
  approximateSize: z.boolean(),
  sha256: z.string().nullable(),
  licence: z.string().nullable(),
  description: z.string(),
  ramBytes: z.number().nullable(),
  default: z.boolean(),
  bundled: z.boolean(),
  active: z.boolean(),
  status: ModelStatus,
})
export type LocalModel = z.infer<typeof LocalModel>

const SlotStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('empty') }),
  z.object({ state: z.literal('loading'), progress: z.number(), path: z.string() }),
  z.object({ state: z.literal('ready'), path: z.string() }),
  z.object({ state: z.literal('error'), message: z.string() }),
])

/** What classifies personas right now, and what the user can do about it. */
export const ClassifierStatus = z.object({
  configuredEngine: z.enum(['lexical', 'embedding', 'generative']),
  /** The engine that answers now: lexical while the configured model is not ready. */
  servingEngine: z.enum(['lexical', 'embedding', 'generative']),
  cascade: z.boolean(),
  activeModels: z.object({ embedding: z.string().nullable(), generative: z.string().nullable() }),
  runtime: z.object({ embedding: SlotStatus, generative: SlotStatus }),
  hint: z.string().nullable(),
})
