import type { CatchAll, Rule, Target, Workspace } from '../../../shared/schemas.ts'

/** A rule being edited: `key` keeps React rows stable while rules move. */
export type DraftRule = Rule & { key: string }

let counter = 0
const nextKey = () => `r${++counter}`

export const emptyTarget: Target = { provider: '', model: '' }

export function toDraft(workspace: Workspace): DraftRule[] {
  return workspace.rules.map((r) => ({ ...r, key: r.id }))
}

export function newRule(kind: Rule['kind'] = 'filename'): DraftRule {
  return changeKind(
    {
      kind: 'filename',
      pattern: '',
      caseSensitive: false,
      requestType: 'any',
      target: emptyTarget,
      fallbacks: [],
      key: nextKey(),
    },
    kind,
  )
}

/** Switching kind keeps target and fallbacks and fills the new kind's filter. */
export function changeKind(rule: DraftRule, kind: Rule['kind']): DraftRule {
  const base = { id: rule.id, key: rule.key, target: rule.target, fallbacks: rule.fallbacks }
  if (kind === 'filename')
    return {
      ...base,
      kind,
      pattern: rule.kind === 'filename' ? rule.pattern : '',
      caseSensitive: false,
      requestType: 'any',
    }
  if (kind === 'persona')
    return {
      ...base,
      kind,
      persona: rule.kind === 'persona' ? rule.persona : '',
      requestType: 'any',
    }
  if (kind === 'model') return { ...base, kind, pattern: rule.kind === 'model' ? rule.pattern : '' }
  if (kind === 'context')
    return {
      ...base,
      kind,
      minTokens: rule.kind === 'context' ? rule.minTokens : DEFAULT_MIN_TOKENS,
    }
  if (kind === 'tools') return { ...base, kind, tool: rule.kind === 'tools' ? rule.tool : '' }
  if (kind === 'thinking' || kind === 'images') return { ...base, kind }
  return { ...base, kind, requestType: rule.kind === 'request-type' ? rule.requestType : 'fim' }
}

/** A new context rule's threshold: past this, agent sessions are worth a long-context model. */
export const DEFAULT_MIN_TOKENS = 60000

/** Reads a typed token count: "60000", "60,000" or "60k"; NaN when it is not one. */
export function parseTokenCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(k?)$/i.exec(text.trim().replace(/[,_\s](?=\d)/g, ''))
  if (!m) return Number.NaN
  // Rounded to 6 decimals so "1.1k" is 1100, not 1100.0000000000002.
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1) * 1e6) / 1e6
}

/** Moves the item at `from` to `to` (both indexes into the original list). */
export function move<T>(list: T[], from: number, to: number): T[] {
  if (from === to || to < 0 || to >= list.length) return list
  const next = list.slice()
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item!)
  return next
}

/** The rules as the contract takes them (no editor keys). */
export function toRules(draft: DraftRule[]): Rule[] {
  return draft.map(({ key: _key, ...rule }) => rule as Rule)
}

/** A problem the user can fix before saving, or null. Saves a round trip for the obvious ones. */
export function draftProblem(draft: DraftRule[]): { index: number; message: string } | null {
  for (const [index, r] of draft.entries()) {
    if (r.kind === 'filename' && !r.pattern.trim())
      return { index, message: 'Give a file name pattern such as .tsx or src/**/*.py.' }
    if (r.kind === 'persona' && !r.persona) return { index, message: 'Pick a persona.' }
    if (r.kind === 'model' && !r.pattern.trim())
      return { index, message: 'Give a model name pattern such as *haiku* or gpt-4o-mini.' }
    if (r.kind === 'context' && !(Number.isInteger(r.minTokens) && r.minTokens > 0))
      return {
        index,
        message: 'Give the minimum prompt size as a positive whole number of tokens, e.g. 60000.',
      }
    if (!r.target.provider || !r.target.model)
      return { index, message: 'Pick the model this rule routes to.' }
  }
  return null
}

/**
 * The draft's rules that are complete enough to route by, for a preview before saving; the
 * numbers (1-based) of the ones left out so the preview can say so.
 */
export function completeRules(draft: DraftRule[]): { rules: Rule[]; incomplete: number[] } {
  const incomplete: number[] = []
  const rules = toRules(draft).filter((_, i) => {
    const ok = draftProblem([draft[i]!]) === null
    if (!ok) incomplete.push(i + 1)
    return ok
  })
  return { rules, incomplete }
}

/** Index of the rule a core error is about ("rules[2].pattern" -> 2). */
export function ruleIndexOf(param: string | null): number | null {
  const m = /^rules\[(\d+)\]/.exec(param ?? '')
  return m ? Number(m[1]) : null
}

export function ruleLabel(rule: Rule, personaName: (id: string) => string): string {
  if (rule.kind === 'filename') return `Files matching ${rule.pattern || '…'}`
  if (rule.kind === 'persona') return `Persona: ${rule.persona ? personaName(rule.persona) : '…'}`
  if (rule.kind === 'model') return `Requested model ${rule.pattern || '…'}`
  if (rule.kind === 'context') return `Prompts of ${rule.minTokens} tokens or more`
  if (rule.kind === 'thinking') return 'Requests that ask for thinking'
  if (rule.kind === 'images') return 'Requests with images'
  if (rule.kind === 'tools')
    return rule.tool ? `Requests offering ${rule.tool}` : 'Requests with tools'
  return rule.requestType === 'fim' ? 'Fill-in-the-middle requests' : 'Chat requests'
}

export type { CatchAll }
