import type { z } from 'zod'
import { contract, type Api, type OperationName } from '../../../shared/contract.ts'
import { fieldPath, SwitchboardError } from '../../../shared/errors.ts'
import type { Handlers } from './handlers.ts'

/** Validates raw input against the contract and runs the handler: the entry of every transport. */
export async function callOperation(
  handlers: Handlers,
  name: string,
  raw: unknown,
): Promise<unknown> {
  if (!Object.hasOwn(contract, name)) {
    throw new SwitchboardError('not_found', `Unknown operation "${name}".`)
  }
  const op = contract[name as OperationName]
  const parsed = op.input.safeParse(raw ?? {})
  if (!parsed.success) throw invalidInput(parsed.error)
  const handler = handlers[name as OperationName] as (input: unknown) => unknown
  return handler(parsed.data)
}

/** The in-process transport: a typed client over the handlers. */
export function createInProcessApi(handlers: Handlers): Api {
  const api = {} as Record<string, (input: unknown) => Promise<unknown>>
  for (const name of Object.keys(contract))
    api[name] = (input) => callOperation(handlers, name, input)
  return api as unknown as Api
}

/** A 400 that names the first offending field and says what is expected there. */
export function invalidInput(error: z.ZodError): SwitchboardError {
  const issue = error.issues[0]!
  if (issue.code === 'unrecognized_keys') {
    const field = fieldPath([...issue.path, issue.keys[0]!])
    return new SwitchboardError(
      'invalid_request',
      `Unknown field "${field}". Remove it; GET /api/v1/openapi.json lists the fields each operation takes.`,
      { param: field, details: { unknownFields: issue.keys } },
    )
  }
  const path = fieldPath(issue.path) || 'body'
  return new SwitchboardError('invalid_request', `Invalid value for "${path}": ${issue.message}.`, {
    param: path,
    details: error.issues.map((i) => ({ path: fieldPath(i.path), message: i.message })),
  })
}
