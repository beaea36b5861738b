import type { RuleCompiler } from './rule-kind.ts'

/** `context`: the estimated prompt reaches `minTokens`; the estimate runs only when reached. */
export const compileContextRule: RuleCompiler<'context'> = (rule) => ({
  label: `context >= ${rule.minTokens} tokens`,
  match(ctx) {
    const tokens = ctx.promptTokens()
    return tokens >= rule.minTokens
      ? { matchedFile: null, detail: `~${tokens} estimated prompt tokens` }
      : null
  },
})
