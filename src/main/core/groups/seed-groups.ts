import type { GroupTarget } from '../../../shared/groups.ts'
import type { GroupDraft } from './group-types.ts'

const heuristic = (id: string, models: string[]): GroupDraft => ({
  id,
  strategy: 'heuristic',
  targets: models.map((model) => ({ provider: null, model })),
  rules: [],
  classifier: { source: 'local', target: null },
})

/** Examples seeded on first run; they need a provider that serves these models. */
export const defaultGroups: GroupDraft[] = [
  heuristic('deepseek-auto', ['deepseek-chat', 'deepseek-reasoner']),
  heuristic('openai-auto', ['gpt-4o-mini', 'gpt-4o']),
  heuristic('gemini-auto', ['gemini-2.0-flash', 'gemini-2.5-pro']),
]

const SMALL = /mini|haiku|flash|small|lite|nano|tiny|\b(0\.5|1|1\.5|3|7|8)b\b/i
const LARGE = /opus|\bpro\b|large|reasoner|\b(32|70|72|405)b\b|\bo1\b|\bo3\b/i
const EMBEDDING = /embed/i

function weight(model: string): number {
  if (SMALL.test(model)) return 0
  if (LARGE.test(model)) return 2
  return 1
}

/** `auto` over the user's configured models: the first provider's cheapest and strongest by name. */
export function pickAutoTargets(
  providers: { id: string; models: { id: string }[] }[],
): GroupTarget[] {
  const provider = providers.find((p) => p.models.some((m) => !EMBEDDING.test(m.id)))
  if (!provider) return []
  const models = provider.models.map((m) => m.id).filter((id) => !EMBEDDING.test(id))
  const sorted = [...models].sort((a, b) => weight(a) - weight(b))
  const picks = [...new Set([sorted[0]!, sorted.at(-1)!])]
  return picks.map((model) => ({ provider: provider.id, model }))
}
