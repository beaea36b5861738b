import { request, type Dispatcher } from 'undici'
import type { Target } from '../../../shared/schemas.ts'
import type { ProviderRecord } from '../db/provider-repo.ts'
import type { InboundRequest } from '../mux/inbound.ts'
import { upstreamJsonToOpenAI } from '../mux/relay-json.ts'
import { planUpstream } from '../mux/upstream-plan.ts'
import type { GenerativeEngine } from '../personas/generative-engine.ts'
import type { OpenAIChatResponse } from '../providers/wire/openai.ts'

/** Rates how hard a request is, 1 (easiest) to `levels` (hardest). */
export type Rater = (text: string, levels: number, signal: AbortSignal) => Promise<number>

function levelText(level: number, levels: number): string {
  if (level === 1)
    return 'A quick, simple request: a short answer, a lookup, a one-line fix, boilerplate.'
  if (level === levels)
    return 'The hardest kind: multi-step reasoning, architecture or design, debugging across files, a large refactor.'
  return `Moderately hard (${level} of ${levels}): some reasoning or a change of a few functions.`
}

/**
 * The local generative model rates under a grammar: the levels are offered as its choices, so the
 * same prefix-reusing, grammar-constrained engine that picks personas picks a level. No tokens paid.
 */
export function localRater(engine: () => GenerativeEngine | null): Rater {
  return async (text, levels, signal) => {
    const generative = engine()
    if (!generative) throw new Error('no local generative model is ready')
    const choices = Array.from({ length: levels }, (_, i) => ({
      id: `level-${i + 1}`,
      name: `Complexity ${i + 1}`,
      description: levelText(i + 1, levels),
      examples: [],
    }))
    const level = await generative.pick(text, choices, signal)
    if (!level) throw new Error('the local model gave no rating')
    return Number(level.slice('level-'.length))
  }
}

interface ProviderRaterDeps {
  provider(id: string): ProviderRecord | undefined
  apiKey(record: ProviderRecord): string | null
  dispatcher(): Dispatcher
}

/** A provider model rates the request (the user opted in for this group: it spends their tokens). */
export function providerRater(target: Target, deps: ProviderRaterDeps): Rater {
  return async (text, levels, signal) => {
    const record = deps.provider(target.provider)
    if (!record) throw new Error(`provider "${target.provider}" no longer exists`)
    const inbound: InboundRequest = {
      route: 'chat',
      format: 'openai',
      model: target.model,
      stream: false,
      body: {
        model: target.model,
        max_tokens: 4,
        temperature: 0,
        messages: [
          {
            role: 'system',
            content: `Rate how hard the user's request is for a coding assistant, from 1 (trivial) to ${levels} (hardest: multi-step reasoning, architecture, deep debugging). Answer with the number only.`,
          },
          { role: 'user', content: text },
        ],
      },
    }
    const plan = planUpstream(inbound, record, deps.apiKey(record), target.model)
    const res = await request(plan.url, {
      method: 'POST',
      headers: plan.headers,
      body: plan.body,
      dispatcher: deps.dispatcher(),
      signal,
    })
    const body = await res.body.text()
    if (res.statusCode >= 400)
      throw new Error(`${target.provider}/${target.model} answered HTTP ${res.statusCode}`)
    const chat = upstreamJsonToOpenAI(plan.shape, JSON.parse(body), target.model)
    const answer = (chat as OpenAIChatResponse).choices?.[0]?.message?.content ?? ''
    const rating = Number(/\d+/.exec(answer)?.[0])
    if (!Number.isFinite(rating))
      throw new Error(
        `${target.provider}/${target.model} answered "${answer.slice(0, 40)}", not a rating`,
      )
    return rating
  }
}
