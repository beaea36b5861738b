import type { UpstreamShape } from './upstream-plan.ts'

/** A lowered output-token field, for the request log: "max_tokens clamped 128000→16384". */
export interface OutputClamp {
  field: string
  from: number
  to: number
}

type Body = Record<string, unknown>

/** The output-token fields each wire format reads (OpenAI accepts both names). */
function fieldsOf(shape: UpstreamShape): string[] {
  if (shape === 'anthropic') return ['max_tokens']
  if (shape === 'ollama-chat' || shape === 'ollama-generate') return ['options.num_predict']
  return ['max_completion_tokens', 'max_tokens', 'max_output_tokens']
}

function read(body: Body, field: string): unknown {
  if (field === 'options.num_predict') return (body.options as Body | undefined)?.num_predict
  return body[field]
}

/** The output-token limit the upstream body asks for, or null when it sets none. */
export function requestedOutputTokens(body: Body, shape: UpstreamShape): number | null {
  for (const field of fieldsOf(shape)) {
    const v = read(body, field)
    // Ollama's num_predict -1 means "no limit", which a positive limit replaces too.
    if (typeof v === 'number' && Number.isFinite(v)) return v < 0 ? Infinity : v
  }
  return null
}

/** Lowers the body's output-token fields to `limit`; the body is copied, never changed in place. */
export function clampOutputTokens(
  body: Body,
  shape: UpstreamShape,
  limit: number,
): { body: Body; clamp: OutputClamp | null } {
  let out = body
  let clamp: OutputClamp | null = null
  for (const field of fieldsOf(shape)) {
    const v = read(body, field)
    if (typeof v !== 'number' || !Number.isFinite(v) || (v >= 0 && v <= limit)) continue
    clamp ??= { field: field.replace('options.', ''), from: v, to: limit }
    out =
      field === 'options.num_predict'
        ? { ...out, options: { ...(out.options as Body), num_predict: limit } }
        : { ...out, [field]: limit }
  }
  return { body: out, clamp }
}
