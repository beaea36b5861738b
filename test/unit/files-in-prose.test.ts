import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractFileNames } from '../../src/main/core/routing/extract-file-names.ts'

// Sentences as developers write them, labelled with the files they name. The dev split is the one
// the rules were tuned on; the test split was written before any tuning and is only measured.
interface Labelled {
  text: string
  files: string[]
}

function loadSplit(split: 'dev' | 'test'): Labelled[] {
  const url = new URL(`../fixtures/files-in-prose-${split}.jsonl`, import.meta.url)
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labelled)
}

/** Precision and recall over every extracted name, by exact path, as a user message each. */
function score(rows: Labelled[]): { precision: number; recall: number; wrong: string[] } {
  let correct = 0
  let extracted = 0
  let expected = 0
  const wrong: string[] = []
  for (const row of rows) {
    const names = extractFileNames({ messages: [{ role: 'user', content: row.text }] })
    const want = new Set(row.files)
    const hits = names.filter((name) => want.has(name))
    correct += hits.length
    extracted += names.length
    expected += want.size
    if (hits.length !== names.length || hits.length !== want.size)
      wrong.push(`${JSON.stringify(row.text)} -> ${JSON.stringify(names)}`)
  }
  return { precision: correct / extracted, recall: correct / expected, wrong }
}

describe.each(['dev', 'test'] as const)('file names in prose, %s split', (split) => {
  const rows = loadSplit(split)

  it('has at least 100 labelled sentences with both positives and negatives', () => {
    expect(rows.length).toBeGreaterThanOrEqual(100)
    expect(rows.filter((r) => r.files.length === 0).length).toBeGreaterThanOrEqual(25)
    expect(rows.filter((r) => r.files.length > 0).length).toBeGreaterThanOrEqual(60)
  })

  it('finds the named files with precision >= 0.98 and recall >= 0.95', () => {
    const { precision, recall, wrong } = score(rows)
    console.log(
      `files in prose (${split}, ${rows.length} sentences): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}` +
        (wrong.length ? `\n  differs: ${wrong.join('\n  differs: ')}` : ''),
    )
    expect(precision).toBeGreaterThanOrEqual(0.98)
    expect(recall).toBeGreaterThanOrEqual(0.95)
  })
})
