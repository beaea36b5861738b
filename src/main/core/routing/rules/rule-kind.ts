import type { Classification } from '../../../../shared/activity.ts'
import type { Rule } from '../../../../shared/schemas.ts'
import type { OpenAIChatRequest } from '../../providers/wire/openai.ts'
import type { OfferedTool } from './tools.ts'

/**
 * What the rules look at. The cheap parts are computed once per request; every other signal is a
 * function that computes on first call and remembers, so nothing is read that no reached rule needs.
 */
export interface RoutingContext {
  requestType: 'chat' | 'fim'
  files: string[]
  /** The model name the client asked for, as sent. */
  requestedModel: string
  /** The persona classifier, run at most once per request and only when a persona rule is reached. */
  classify(): Promise<Classification>
  /** Estimated prompt tokens. */
  promptTokens(): number
  /** How the request asks for reasoning ("reasoning_effort high"), or null when it does not. */
  reasoning(): string | null
  /** Where the first image found is ("an image in messages[2]"), or null when there is none. */
  image(): string | null
  /** The tools the request offers, by name and server tool type. */
  tools(): readonly OfferedTool[]
}

/** A request as the signal readers see it; they recognise each dialect's fields by shape. */
export interface RequestView {
  /** The body as the client sent it (OpenAI chat or completions, Anthropic Messages, ...). */
  body: Record<string, unknown>
  /** The canonical OpenAI chat form the rules read; null for legacy completions. */
  chat: OpenAIChatRequest | null
}

/** What a rule matched: a file (kept in the decision), or a short phrase for `why`. */
export type RuleHit = {
  matchedFile: string | null
  /** Said after "matched" in `why` when no file matched, e.g. the requested model's name. */
  detail?: string
  classification?: Classification
} | null

/** A rule compiled for the hot path: its label for `why` and headers, and its predicate. */
export interface RuleMatcher {
  label: string
  /** null when the rule does not apply; otherwise what matched. Only persona rules are async. */
  match(ctx: RoutingContext): RuleHit | Promise<RuleHit>
}

/** Turns a stored rule of one kind into its matcher, once per workspace load. */
export type RuleCompiler<K extends Rule['kind']> = (
  rule: Extract<Rule, { kind: K }>,
  names: { personaName(id: string): string },
) => RuleMatcher

/** " (chat only)" for rules scoped to one request type. */
export function requestTypeScope(requestType: 'chat' | 'fim' | 'any'): string {
  return requestType === 'any' ? '' : ` (${requestType} only)`
}

/** Whether a rule scoped to `wanted` applies to a request of type `actual`. */
export function requestTypeFits(wanted: 'chat' | 'fim' | 'any', actual: 'chat' | 'fim'): boolean {
  return wanted === 'any' || wanted === actual
}
