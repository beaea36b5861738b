import { SwitchboardError } from '../../../../shared/errors.ts'

/** Answers 400 naming the field. */
export function invalid(message: string, param: string): never {
  throw new SwitchboardError('invalid_request', message, { param })
}

/** `model` and `stream`, which every dialect has. */
export function common(body: Record<string, unknown>): { model: string; stream: boolean } {
  if (body.model !== undefined && typeof body.model !== 'string')
    invalid('"model" must be a string, e.g. "switchboard".', 'model')
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean')
    invalid('"stream" must be true or false.', 'stream')
  return {
    model: (body.model as string | undefined) ?? 'switchboard',
    stream: body.stream === true,
  }
}

/** A non-empty `messages` array of objects with a role (OpenAI chat and Anthropic Messages). */
export function requireMessages(body: Record<string, unknown>): void {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    invalid('"messages" must be a non-empty array of {role, content} objects.', 'messages')
  }
  body.messages.forEach((m, i) => {
    if (m === null || typeof m !== 'object' || typeof (m as { role?: unknown }).role !== 'string') {
      invalid(`messages[${i}] must be an object with a "role".`, `messages[${i}].role`)
    }
  })
}
