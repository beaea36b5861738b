import { describe, expect, it } from 'vitest'
import type { OpenAIChatRequest } from '../../src/main/core/providers/wire/openai.ts'
import { humanAsk } from '../../src/main/core/personas/human-ask.ts'
import { createLexicalEngine } from '../../src/main/core/personas/lexical-engine.ts'
import { extractFileNames } from '../../src/main/core/routing/extract-file-names.ts'
import { fixture, loadPersonas } from '../../bench/persona-sets.ts'

const personas = loadPersonas(fixture('long/personas-six.json'))
const engine = createLexicalEngine()

const PYTHON_FILE = `import pandas as pd
from sklearn.model_selection import train_test_split

df = pd.read_csv("orders.csv")
df["total"] = df["qty"] * df["price"]
summary = df.groupby("region")["total"].sum()
print(summary.sort_values(ascending=False))
`
const TSX_FILE = `import { useEffect, useState } from 'react'
import styles from './Cart.module.css'

export function Cart() {
  const [items, setItems] = useState<Item[]>([])
  useEffect(() => { fetch('/api/cart').then((r) => r.json()).then(setItems) }, [])
  return <ul className={styles.list}>{items.map((i) => <li key={i.id}>{i.name}</li>)}</ul>
}
`

/** A Continue-style request: the open file pasted in a fence with its path, then the question. */
function pasted(path: string, lang: string, file: string, question: string): OpenAIChatRequest {
  return {
    model: 'switchboard',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: `\`\`\`${lang} ${path}\n${file}\`\`\`` },
          { type: 'text', text: question },
        ],
      },
    ],
  }
}

/** A Claude Code-style request: the question, then a Read tool call on a file and its content. */
function toolRead(path: string, file: string, question: string): OpenAIChatRequest {
  return {
    model: 'switchboard',
    messages: [
      { role: 'user', content: question },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 't1',
            type: 'function',
            function: { name: 'Read', arguments: JSON.stringify({ file_path: path }) },
          },
        ],
      },
      { role: 'tool', tool_call_id: 't1', content: file },
    ],
  }
}

const top = (req: OpenAIChatRequest) =>
  engine.rank(humanAsk(req, extractFileNames(req)), personas).scores[0]?.personaId

const FRONTEND_QUESTION =
  'The sticky header stops sticking after I added overflow-x: hidden on the page wrapper. How do I keep the header sticky and stop the horizontal scrollbar in Safari?'
const DATA_QUESTION =
  'Monthly revenue report: my SQL window function for the running total should reset on the first of each month. How do I partition it by month in BigQuery?'

describe("the human's words decide over pasted code and file names", () => {
  it('keeps a frontend question frontend with an unrelated Python file pasted or read', () => {
    expect(top(pasted('analysis/orders.py', 'python', PYTHON_FILE, FRONTEND_QUESTION))).toBe(
      'frontend',
    )
    expect(top(toolRead('/repo/analysis/orders.py', PYTHON_FILE, FRONTEND_QUESTION))).toBe(
      'frontend',
    )
  })

  it('keeps a data question data with an unrelated React file pasted or read', () => {
    expect(top(pasted('src/components/Cart.tsx', 'tsx', TSX_FILE, DATA_QUESTION))).toBe('data')
    expect(top(toolRead('/repo/src/components/Cart.tsx', TSX_FILE, DATA_QUESTION))).toBe('data')
  })

  it('lets the pasted file decide when the words say nothing about a persona', () => {
    expect(
      top(pasted('src/components/Cart.tsx', 'tsx', TSX_FILE, 'What is wrong with this?')),
    ).toBe('frontend')
  })
})
