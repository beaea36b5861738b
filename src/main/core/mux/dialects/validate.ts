import { SwitchboardError } from '../../../../shared/errors.ts'
import { BodyIssue } from './body-check.ts'

/** Answers 400 naming the field. */
export function invalid(message: string, param: string): never {
  throw new SwitchboardError('invalid_request', message, { param })
}

/**
 * Runs a dialect's body check (the fields it reads or translates; unknown fields pass through
 * untouched) and returns `model` and `stream`, which every dialect has. The first problem becomes
 * a 400 that names the field and says what to send instead.
 */
export function validateBody(
  check: (body: Record<string, unknown>) => void,
  body: Record<string, unknown>,
  reference: string,
): { model: string; stream: boolean } {
  try {
    check(body)
  } catch (err) {
    if (!(err instanceof BodyIssue)) throw err
    const param = err.path || 'body'
    invalid(`Invalid "${param}": ${err.message}. See ${reference}.`, param)
  }
  return {
    model: typeof body.model === 'string' ? body.model : 'switchboard',
    stream: body.stream === true,
  }
}
