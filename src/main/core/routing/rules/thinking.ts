import type { RequestView, RuleCompiler } from './rule-kind.ts'

/**
 * Efforts that ask for no reasoning. `minimal` counts as none: OpenAI documents it as "very few or
 * no reasoning tokens" for the fastest answer, which is what a cheap, non-reasoning route is for.
 */
const NO_REASONING_EFFORTS = new Set(['none', 'minimal'])

const asksEffort = (effort: unknown): effort is string =>
  typeof effort === 'string' && effort !== '' && !NO_REASONING_EFFORTS.has(effort.toLowerCase())

/**
 * How the request asks for reasoning, or null. Anthropic `thinking: {type}` (anything but
 * `disabled`: enabled, adaptive, ...), OpenAI chat `reasoning_effort`, Responses (and OpenRouter)
 * `reasoning.effort`; read from the body as sent, since translation to the chat form drops
 * `thinking`, and from the chat form, which other dialects translate into.
 */
export function readReasoning({ body, chat }: RequestView): string | null {
  const thinking = body.thinking as { type?: unknown; budget_tokens?: unknown } | null | undefined
  if (thinking && typeof thinking === 'object' && typeof thinking.type === 'string') {
    if (thinking.type === 'disabled') return null
    const budget = typeof thinking.budget_tokens === 'number' ? thinking.budget_tokens : null
    return `thinking ${thinking.type}${budget === null ? '' : ` (budget_tokens ${budget})`}`
  }
  for (const source of chat && chat !== body ? [body, chat] : [body]) {
    if (asksEffort(source.reasoning_effort)) return `reasoning_effort ${source.reasoning_effort}`
    const reasoning = source.reasoning as { effort?: unknown } | null | undefined
    if (reasoning && typeof reasoning === 'object' && asksEffort(reasoning.effort)) {
      return `reasoning.effort ${reasoning.effort}`
    }
  }
  return null
}

/** `thinking`: the request asks the model to reason before answering. */
export const compileThinkingRule: RuleCompiler<'thinking'> = () => ({
  label: 'thinking',
  match(ctx) {
    const how = ctx.reasoning()
    return how === null ? null : { matchedFile: null, detail: how }
  },
})
