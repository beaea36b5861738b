import { requestTypeFits, requestTypeScope, type RuleCompiler } from './rule-kind.ts'

/** `persona`: the local classifier recognises this persona; runs it only when reached. */
export const compilePersonaRule: RuleCompiler<'persona'> = (rule, names) => ({
  label: `persona "${names.personaName(rule.persona)}"${requestTypeScope(rule.requestType)}`,
  async match(ctx) {
    if (!requestTypeFits(rule.requestType, ctx.requestType)) return null
    const classification = await ctx.classify()
    return classification.personaId === rule.persona ? { matchedFile: null, classification } : null
  },
})
