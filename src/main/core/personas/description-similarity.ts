import { tokenize } from './tokenize.ts'

function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + 1)
  return counts
}

/** Cosine similarity of two descriptions' terms (0 = nothing shared, 1 = the same words). */
export function descriptionSimilarity(a: string, b: string): number {
  const x = termCounts(a)
  const y = termCounts(b)
  let dot = 0
  let nx = 0
  let ny = 0
  for (const [term, n] of x) {
    nx += n * n
    dot += n * (y.get(term) ?? 0)
  }
  for (const n of y.values()) ny += n * n
  return nx && ny ? dot / Math.sqrt(nx * ny) : 0
}
