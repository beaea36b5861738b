import { findImage } from './images.ts'
import type { RequestView, RoutingContext } from './rule-kind.ts'
import { readReasoning } from './thinking.ts'
import { readTools, type OfferedTool } from './tools.ts'

type Features = Pick<RoutingContext, 'promptTokens' | 'reasoning' | 'image' | 'tools'>

/** Calls `compute` on first use only, then returns what it gave. */
function once<T>(compute: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value
  }
}

/**
 * The request-feature signals of a routing context, each read on first use and remembered, so a
 * request whose rules never reach a context, thinking, images or tools rule pays nothing for them.
 */
export function requestFeatures(view: RequestView, estimateTokens: () => number): Features {
  return {
    promptTokens: once(estimateTokens),
    reasoning: once(() => readReasoning(view)),
    image: once(() => findImage(view)),
    tools: once((): readonly OfferedTool[] => readTools(view)),
  }
}
