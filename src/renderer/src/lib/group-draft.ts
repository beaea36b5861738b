import type { GroupTarget, HeuristicRule, ModelGroup } from '../../../shared/groups.ts'
import type { Target } from '../../../shared/schemas.ts'

/** A model group as the form edits it. */
export interface GroupDraft {
  id: string
  strategy: ModelGroup['strategy']
  targets: GroupTarget[]
  rules: HeuristicRule[]
  source: 'local' | 'provider'
  raterTarget: Target | null
}

export function toGroupDraft(g: ModelGroup | null): GroupDraft {
  if (!g) {
    return {
      id: '',
      strategy: 'heuristic',
      targets: [{ provider: null, model: '' }],
      rules: [],
      source: 'local',
      raterTarget: null,
    }
  }
  return {
    id: g.id,
    strategy: g.strategy,
    targets: g.targets,
    rules: g.rules,
    source: g.classifier.source,
    raterTarget: g.classifier.target,
  }
}

/** The contract's input for a draft (blank target rows are dropped). */
export function fromGroupDraft(d: GroupDraft) {
  return {
    id: d.id.trim(),
    strategy: d.strategy,
    targets: d.targets.filter((t) => t.model.trim()),
    rules: d.rules,
    classifier: {
      source: d.source,
      target: d.source === 'provider' ? d.raterTarget : null,
    },
  }
}

/** Removing target `i` shifts the rules that point past it, and drops the ones that pointed at it. */
export function removeTarget(d: GroupDraft, i: number): GroupDraft {
  return {
    ...d,
    targets: d.targets.filter((_, j) => j !== i),
    rules: d.rules
      .filter((r) => r.target !== i)
      .map((r) => (r.target > i ? { ...r, target: r.target - 1 } : r)),
  }
}
