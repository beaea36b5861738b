import type { IncomingMessage } from 'node:http'
import { SwitchboardError } from '../../../shared/errors.ts'

export const MAX_BODY_BYTES = 32 * 1024 * 1024

/** Reads and parses a JSON request body; empty bodies parse as `{}`. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      throw new SwitchboardError(
        'invalid_request',
        `Request body is larger than ${limit / 1024 / 1024} MiB.`,
      )
    }
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (!text) return {}
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new SwitchboardError(
      'invalid_request',
      `The request body is not valid JSON (${(err as Error).message}). Send a JSON object with Content-Type: application/json.`,
    )
  }
}
