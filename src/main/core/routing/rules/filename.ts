import { compileFilePattern, matchesAnyFile } from '../match-file-pattern.ts'
import { requestTypeFits, requestTypeScope, type RuleCompiler } from './rule-kind.ts'

/** `filename`: a file named in the prompt matches the pattern. */
export const compileFilenameRule: RuleCompiler<'filename'> = (rule) => {
  const matcher = compileFilePattern(rule.pattern, rule.caseSensitive)
  return {
    label: `filename "${rule.pattern}"${requestTypeScope(rule.requestType)}`,
    match(ctx) {
      if (!requestTypeFits(rule.requestType, ctx.requestType)) return null
      const file = matchesAnyFile(matcher, ctx.files)
      return file === null ? null : { matchedFile: file }
    },
  }
}
