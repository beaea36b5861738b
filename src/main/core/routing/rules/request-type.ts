import type { RuleCompiler } from './rule-kind.ts'

/** `request-type`: the request is chat, or fill-in-the-middle. */
export const compileRequestTypeRule: RuleCompiler<'request-type'> = (rule) => ({
  label: `request type ${rule.requestType}`,
  match: (ctx) => (ctx.requestType === rule.requestType ? { matchedFile: null } : null),
})
