import { compileNamePattern } from './name-pattern.ts'
import type { RuleCompiler } from './rule-kind.ts'

/** `model`: the model name the client asked for matches the pattern (`*haiku*`). */
export const compileModelRule: RuleCompiler<'model'> = (rule) => {
  const matches = compileNamePattern(rule.pattern)
  return {
    label: `model "${rule.pattern}"`,
    match: (ctx) =>
      matches(ctx.requestedModel) ? { matchedFile: null, detail: ctx.requestedModel } : null,
  }
}
