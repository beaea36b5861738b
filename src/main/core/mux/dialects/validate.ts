import type { z } from 'zod'
import { fieldPath, SwitchboardError } from '../../../../shared/errors.ts'

/** Answers 400 naming the field. */
export function invalid(message: string, param: string): never {
  throw new SwitchboardError('invalid_request', message, { param })
}

/**
 * Checks the fields a dialect reads or translates (unknown fields pass through untouched) and
 * returns `model` and `stream`, which every dialect has. The first problem becomes a 400 that
 * names the field and says what to send instead.
 */
export function validateBody(
  schema: z.ZodType,
  body: Record<string, unknown>,
  reference: string,
): { model: string; stream: boolean } {
  const result = schema.safeParse(body)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const param = fieldPath(issue.path) || 'body'
    invalid(`Invalid "${param}": ${issue.message}. See ${reference}.`, param)
  }
  return {
    model: typeof body.model === 'string' ? body.model : 'switchboard',
    stream: body.stream === true,
  }
}
