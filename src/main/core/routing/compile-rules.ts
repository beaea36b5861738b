import type { CatchAll, Rule, StoredRule, Target } from '../../../shared/schemas.ts'
import type { WorkspaceRecord } from '../db/workspace-repo.ts'
import { compileContextRule } from './rules/context.ts'
import { compileFilenameRule } from './rules/filename.ts'
import { compileImagesRule } from './rules/images.ts'
import { compileModelRule } from './rules/model.ts'
import { compilePersonaRule } from './rules/persona.ts'
import { compileRequestTypeRule } from './rules/request-type.ts'
import type { RuleCompiler, RuleMatcher } from './rules/rule-kind.ts'
import { compileThinkingRule } from './rules/thinking.ts'
import { compileToolsRule } from './rules/tools.ts'

export type { RoutingContext, RuleHit } from './rules/rule-kind.ts'

export interface CompiledRule extends RuleMatcher {
  id: string
  index: number | null
  kind: string
  target: Target
  fallbacks: Target[]
}

export interface CompiledWorkspace {
  id: string
  name: string
  rules: CompiledRule[]
  catchAll: CatchAll | null
  holdDecisionForTurn: boolean
  /** Past this spend today (UTC) paid targets are skipped; null or absent: no cap. */
  dailySpendCapUsd?: number | null
}

/** One compiler per rule kind; each lives in its own file under rules/. */
const compilers: { [K in Rule['kind']]: RuleCompiler<K> } = {
  filename: compileFilenameRule,
  'request-type': compileRequestTypeRule,
  persona: compilePersonaRule,
  model: compileModelRule,
  context: compileContextRule,
  thinking: compileThinkingRule,
  images: compileImagesRule,
  tools: compileToolsRule,
}

function compileRule(
  rule: StoredRule,
  index: number,
  personaName: (id: string) => string,
): CompiledRule {
  const compile = compilers[rule.kind] as RuleCompiler<typeof rule.kind>
  return {
    ...compile(rule as never, { personaName }),
    id: rule.id,
    index,
    kind: rule.kind,
    target: rule.target,
    fallbacks: rule.fallbacks,
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
    dailySpendCapUsd: record.dailySpendCapUsd ?? null,
  }
}
