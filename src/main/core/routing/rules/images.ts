import type { RequestView, RuleCompiler } from './rule-kind.ts'

/**
 * Messages, content parts and blocks looked at, newest message first. Only each part's `type` is read, never
 * its text or image data, so even a long agent session costs microseconds; past the budget the
 * oldest turns are not searched.
 */
export const IMAGE_SCAN_LIMIT = 20_000

/** OpenAI chat `image_url`, Anthropic `image`, Responses `input_image`. */
const IMAGE_PART_TYPES = new Set(['image_url', 'image', 'input_image'])

/**
 * Where the first image of a request is, e.g. "an image in messages[3]", or null. Reads the
 * messages as sent (Anthropic image blocks, also inside `tool_result` content, keep their place
 * there), or the chat form for a dialect without `messages`.
 */
export function findImage({ body, chat }: RequestView): string | null {
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : chat?.messages
  if (!messages) return null
  let budget = IMAGE_SCAN_LIMIT
  // 'image', 'tool' (an image inside a tool result), or null; spends one unit of budget per part.
  const scan = (parts: unknown[], nested: boolean): 'image' | 'tool' | null => {
    for (const part of parts) {
      if (--budget < 0) return null
      const p = part as { type?: unknown; content?: unknown } | null
      if (!p || typeof p.type !== 'string') continue
      if (IMAGE_PART_TYPES.has(p.type)) return nested ? 'tool' : 'image'
      if (!nested && p.type === 'tool_result' && Array.isArray(p.content)) {
        if (scan(p.content as unknown[], true)) return 'tool'
      }
    }
    return null
  }
  for (let i = messages.length - 1; i >= 0 && --budget >= 0; i--) {
    const content = (messages[i] as { content?: unknown } | null)?.content
    if (!Array.isArray(content)) continue
    const found = scan(content as unknown[], false)
    if (found === 'image') return `an image in messages[${i}]`
    if (found === 'tool') return `an image in a tool result (messages[${i}])`
  }
  return null
}

/** `images`: the request carries an image, in a message or a tool result. */
export const compileImagesRule: RuleCompiler<'images'> = () => ({
  label: 'images',
  match(ctx) {
    const where = ctx.image()
    return where === null ? null : { matchedFile: null, detail: where }
  },
})
