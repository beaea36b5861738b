import { z } from 'zod'

// Building blocks shared by the dialects' schemas: loose objects (unknown fields pass through)
// and error texts that say what to send.

export const anyObject = (what: string) => z.looseObject({}, { error: `expected ${what}` })
export const optionalNumber = z.number({ error: 'expected a number' }).nullish()
export const optionalBoolean = z.boolean({ error: 'expected true or false' }).nullish()
export const tokenCount = z
  .number({ error: 'expected a whole number of tokens' })
  .int({ error: 'expected a whole number of tokens' })
  .min(0, { error: 'expected a whole number of tokens, 0 or more' })
  .nullish()
export const stopStrings = z
  .union([z.string(), z.array(z.string())], { error: 'expected a string or an array of strings' })
  .nullish()

/**
 * An object told apart by its `type`: known types are checked by their schema, unknown ones pass
 * through (wire formats grow new block types). Issues point inside the object, not at the union.
 */
export function byType(
  known: Record<string, z.ZodType>,
  error: string,
  options: { defaultType?: string; strict?: boolean } = {},
) {
  return z.unknown().superRefine((value, ctx) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: error })
      return
    }
    const type = (value as { type?: unknown }).type ?? options.defaultType
    if (typeof type !== 'string') {
      ctx.addIssue({ code: 'custom', message: error, path: ['type'] })
      return
    }
    const schema = known[type]
    if (!schema) {
      if (options.strict) ctx.addIssue({ code: 'custom', message: error, path: ['type'] })
      return
    }
    const result = schema.safeParse(value)
    if (!result.success)
      for (const issue of result.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
  })
}
