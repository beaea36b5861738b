// Labelled persona sets and the request shapes the persona benchmarks send them in. Every prompt is
// classified the way the mux does it: a chat request -> file names -> the human ask -> classifier.

import { readFileSync } from 'node:fs'
import type { PersonaProfile } from '../src/main/core/personas/engine.ts'
import { humanAsk } from '../src/main/core/personas/human-ask.ts'
import type { OpenAIChatRequest } from '../src/main/core/providers/wire/openai.ts'
import { extractFileNames } from '../src/main/core/routing/extract-file-names.ts'

export interface LabelledPrompt {
  prompt: string
  /** A persona id, or "none" for a prompt that fits no persona. */
  persona: string
}

export const NONE = 'none'

const FIXTURES = new URL('../test/fixtures/personas/', import.meta.url)

/** A fixture file under test/fixtures/personas/, as a path. */
export function fixture(name: string): string {
  return new URL(name, FIXTURES).pathname
}

/** Personas from a JSON array of {id, name, description, examples}. */
export function loadPersonas(file: string): PersonaProfile[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<PersonaProfile>[]
  return raw.map((p) => ({
    id: String(p.id),
    name: String(p.name ?? p.id),
    description: p.description ?? '',
    examples: p.examples ?? [],
  }))
}

/** A JSONL set of {"prompt", "persona"}; several files are concatenated. */
export function loadSet(...files: string[]): LabelledPrompt[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LabelledPrompt),
  )
}

// An unrelated React component, as a user pastes or an agent reads it: it must not decide the persona.
const PASTED_PATH = 'src/components/ProductCard.tsx'
const PASTED_TSX = `import { useEffect, useState } from 'react'
import { formatPrice } from '../lib/format'
import styles from './ProductCard.module.css'

interface Props {
  id: string
  onAdd(id: string): void
}

export function ProductCard({ id, onAdd }: Props) {
  const [product, setProduct] = useState<Product | null>(null)
  const [hovered, setHovered] = useState(false)

  useEffect(() => {
    let live = true
    fetch(\`/api/products/\${id}\`)
      .then((r) => r.json())
      .then((p) => live && setProduct(p))
    return () => {
      live = false
    }
  }, [id])

  if (!product) return <div className={styles.skeleton} aria-busy="true" />
  return (
    <article
      className={hovered ? styles.cardHover : styles.card}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
    >
      <img src={product.image} alt={product.name} loading="lazy" />
      <h3>{product.name}</h3>
      <p className={styles.price}>{formatPrice(product.price)}</p>
      <button type="button" onClick={() => onAdd(product.id)}>
        Add to cart
      </button>
    </article>
  )
}
`

/** How a prompt reaches the classifier. */
export type Variant = 'plain' | 'pasted-tsx' | 'tool-read-tsx'

export const VARIANTS: readonly Variant[] = ['plain', 'pasted-tsx', 'tool-read-tsx']

/** The chat request a client would send for a question (see test/fixtures/clients/*.json). */
export function requestFor(question: string, variant: Variant): OpenAIChatRequest {
  if (variant === 'plain') {
    return { model: 'switchboard', messages: [{ role: 'user', content: question }] }
  }
  if (variant === 'pasted-tsx') {
    // Continue: the selected file as a fenced part with language and path, then the question.
    return {
      model: 'switchboard',
      messages: [
        {
          role: 'system',
          content: '<important_rules>\n  You are in chat mode.\n</important_rules>',
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: `\`\`\`tsx /${PASTED_PATH}\n${PASTED_TSX}\`\`\`` },
            { type: 'text', text: question },
          ],
        },
      ],
    }
  }
  // Claude Code: a reminder and the question, then a Read tool call on the file and its result.
  const path = `/home/dev/shop/${PASTED_PATH}`
  const numbered = PASTED_TSX.split('\n')
    .map((line, i) => `${String(i + 1).padStart(6)}\u2192${line}`)
    .join('\n')
  return {
    model: 'switchboard',
    messages: [
      {
        role: 'system',
        content: "You are Claude Code, Anthropic's official CLI for Claude.",
      },
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: "<system-reminder>\nAs you answer the user's questions, you can use the following context:\n# claudeMd\n- Run `npm test` before committing\n</system-reminder>",
          },
          { type: 'text', text: question },
        ],
      },
      {
        role: 'assistant',
        content: "I'll start by reading the file.",
        tool_calls: [
          {
            id: 'toolu_01',
            type: 'function',
            function: { name: 'Read', arguments: JSON.stringify({ file_path: path }) },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_01', content: numbered },
    ],
  }
}

/** The text the mux hands the classifier for a question in a given request shape. */
export function askFor(question: string, variant: Variant): string {
  const request = requestFor(question, variant)
  return humanAsk(request, extractFileNames(request))
}
