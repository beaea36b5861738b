import type { Classification } from '../../../shared/activity.ts'
import type { CatchAll, StoredRule, Target } from '../../../shared/schemas.ts'
import type { WorkspaceRecord } from '../db/workspace-repo.ts'
import { compileFilePattern, matchesAnyFile } from './match-file-pattern.ts'

/** What the rules look at: computed once per request. */
export interface RoutingContext {
  requestType: 'chat' | 'fim'
  files: string[]
  /** The persona classifier, run at most once per request and only when a persona rule is reached. */
  classify(): Promise<Classification>
}

export type RuleHit = { matchedFile: string | null; classification?: Classification } | null

export interface CompiledRule {
  id: string
  index: number | null
  kind: string
  label: string
  target: Target
  fallbacks: Target[]
  /** null when the rule does not apply; otherwise what matched. Only persona rules are async. */
  match(ctx: RoutingContext): RuleHit | Promise<RuleHit>
}

export interface CompiledWorkspace {
  id: string
  name: string
  rules: CompiledRule[]
  catchAll: CatchAll | null
  holdDecisionForTurn: boolean
}

const requestTypeFits = (wanted: 'chat' | 'fim' | 'any', actual: 'chat' | 'fim') =>
  wanted === 'any' || wanted === actual

function compileRule(
  rule: StoredRule,
  index: number,
  personaName: (id: string) => string,
): CompiledRule {
  const base = {
    id: rule.id,
    index,
    kind: rule.kind,
    target: rule.target,
    fallbacks: rule.fallbacks,
  }
  if (rule.kind === 'filename') {
    const matcher = compileFilePattern(rule.pattern, rule.caseSensitive)
    const scope = rule.requestType === 'any' ? '' : ` (${rule.requestType} only)`
    return {
      ...base,
      label: `filename "${rule.pattern}"${scope}`,
      match(ctx) {
        if (!requestTypeFits(rule.requestType, ctx.requestType)) return null
        const file = matchesAnyFile(matcher, ctx.files)
        return file === null ? null : { matchedFile: file }
      },
    }
  }
  if (rule.kind === 'persona') {
    const scope = rule.requestType === 'any' ? '' : ` (${rule.requestType} only)`
    return {
      ...base,
      label: `persona "${personaName(rule.persona)}"${scope}`,
      async match(ctx) {
        if (!requestTypeFits(rule.requestType, ctx.requestType)) return null
        const classification = await ctx.classify()
        return classification.personaId === rule.persona
          ? { matchedFile: null, classification }
          : null
      },
    }
  }
  return {
    ...base,
    label: `request type ${rule.requestType}`,
    match: (ctx) => (ctx.requestType === rule.requestType ? { matchedFile: null } : null),
  }
}

/** Turns stored rules into matchers once, so the hot path only calls them. */
export function compileWorkspace(
  record: WorkspaceRecord,
  personaName: (id: string) => string,
): CompiledWorkspace {
  return {
    id: record.id,
    name: record.name,
    rules: record.rules.map((rule, index) => compileRule(rule, index, personaName)),
    catchAll: record.catchAll,
    holdDecisionForTurn: record.holdDecisionForTurn,
  }
}
