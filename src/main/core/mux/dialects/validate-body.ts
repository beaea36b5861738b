import type { z } from 'zod'
import { SwitchboardError } from '../../../../shared/errors.ts'

/** `messages[0].content` from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key)
  return out || 'body'
}

/**
 * Checks the fields a dialect reads or translates; unknown fields pass through untouched.
 * The first problem becomes a 400 that names the field and says what to send instead.
 */
export function validateBody(schema: z.ZodType, body: unknown, reference: string): void {
  const result = schema.safeParse(body)
  if (result.success) return
  const issue = result.error.issues[0]!
  const param = fieldPath(issue.path)
  throw new SwitchboardError(
    'invalid_request',
    `Invalid "${param}": ${issue.message.replace(/^Invalid input: /, '')}. See ${reference}.`,
    { param },
  )
}
