import type { HeuristicRule } from '../../../shared/groups.ts'

/** Words and shapes of a request that usually needs the strongest model. */
const COMPLEX_PHRASES = [
  'step by step',
  'refactor',
  'architecture',
  'architect',
  'debug',
  'root cause',
  'race condition',
  'deadlock',
  'design a',
  'design the',
  'trade-off',
  'tradeoff',
  'optimize',
  'optimise',
  'prove',
  'migrate',
  'security review',
  'performance',
]
const LONG_PROMPT_CHARS = 2_000
const MANY_FILES = 3
const MANY_CODE_BLOCKS = 2

export interface HeuristicChoice {
  index: number
  reason: string
}

/** Compiles user rules once: substring, or a regular expression written as /.../flags. */
export function compileHeuristicRules(rules: HeuristicRule[]): ((text: string) => boolean)[] {
  return rules.map((rule) => {
    const regex = /^\/(.+)\/([a-z]*)$/s.exec(rule.pattern)
    if (regex) {
      const flags = regex[2]!.replace('i', '') + (rule.caseSensitive ? '' : 'i')
      const compiled = new RegExp(regex[1]!, flags)
      return (text) => compiled.test(text)
    }
    const needle = rule.caseSensitive ? rule.pattern : rule.pattern.toLowerCase()
    return (text) => (rule.caseSensitive ? text : text.toLowerCase()).includes(needle)
  })
}

/**
 * The heuristic strategy: user rules in order, then built-in complexity indicators choose the last
 * (strongest) target, otherwise the first. No model, no tokens, microseconds.
 */
export function chooseByHeuristic(
  text: string,
  promptChars: number,
  files: string[],
  rules: HeuristicRule[],
  matchers: ((text: string) => boolean)[],
  targetCount: number,
): HeuristicChoice {
  for (let i = 0; i < rules.length; i++) {
    if (matchers[i]!(text)) {
      const index = Math.min(rules[i]!.target, targetCount - 1)
      return { index, reason: `rule ${i + 1} matched "${rules[i]!.pattern}"` }
    }
  }
  const last = targetCount - 1
  const lower = text.toLowerCase()
  const phrase = COMPLEX_PHRASES.find((p) => lower.includes(p))
  if (phrase) return { index: last, reason: `complexity indicator "${phrase}"` }
  if (promptChars > LONG_PROMPT_CHARS)
    return { index: last, reason: `long prompt (${promptChars} characters)` }
  if (files.length >= MANY_FILES) return { index: last, reason: `${files.length} files in context` }
  const blocks = (text.match(/```/g)?.length ?? 0) / 2
  if (blocks >= MANY_CODE_BLOCKS)
    return { index: last, reason: `${Math.floor(blocks)} code blocks` }
  return { index: 0, reason: 'no complexity indicator: first target' }
}
