// Inputs for the classifier latency bench: the fixture personas, prompts of a given token count
// built from the fixture questions, and vocabularies for the generated stand-in models.
import { readFileSync } from 'node:fs'
import type { PersonaProfile } from '../src/main/core/personas/engine.ts'

const FIXTURES = new URL('../test/fixtures/personas/', import.meta.url)
const SPACE = '\u2581'
// What buildVocab (test/helpers/gguf-writer.ts) always adds: <unk> <s> </s>, 256 byte tokens,
// '▁', a-z and 0-9. Word pieces come on top.
const FIXED_TOKENS = 3 + 256 + 1 + 36

export interface BenchPrompt {
  /** As a developer wrote it: what the lexical engine and the affinity path see. */
  text: string
  /** Lowercased, for the models: the stand-in vocabulary has lowercase word pieces only. */
  modelText: string
  tokens: number
}

export function loadPersonas(): PersonaProfile[] {
  return JSON.parse(readFileSync(new URL('personas.json', FIXTURES), 'utf8')) as PersonaProfile[]
}

export function loadQuestions(): string[] {
  return readFileSync(new URL('questions.jsonl', FIXTURES), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { prompt: string }).prompt)
}

/**
 * The questions' words, for the stand-in models' vocabulary: without them the tiny default
 * vocabulary splits text into single characters (~1 char per token instead of ~3-4), and a
 * "500-token" prompt would hold a fifth of the text a real one does.
 */
export function corpusWords(questions: string[]): string[] {
  return [
    ...new Set(
      questions
        .join(' ')
        .toLowerCase()
        .match(/[a-z0-9]+/g) ?? [],
    ),
  ]
}

/**
 * `words` plus synthetic ones until the vocabulary reaches `size` tokens (a real model's, e.g.
 * Qwen2.5's 151,936): a generative model's output projection and grammar-constrained sampling scale
 * with it. The synthetic pieces start with "zq", so they never match the prompts' text.
 */
export function vocabularyOfSize(words: string[], size: number): string[] {
  const pieces = new Set<string>()
  const add = (word: string): void => {
    const marked = SPACE + word
    // buildVocab adds every prefix of a marked word, so count them the same way.
    for (let end = 2; end <= marked.length; end++) pieces.add(marked.slice(0, end))
  }
  words.forEach(add)
  const all = [...words]
  for (let i = 0; FIXED_TOKENS + pieces.size < size; i++) {
    const word = `zq${i.toString(36).padStart(4, '0')}`
    all.push(word)
    add(word)
  }
  return all
}

/**
 * A prompt of `tokens` tokens (as `count` tokenizes the model text), made of the questions from
 * `start` on, one per line, the last one cut short.
 */
function sizedPrompt(
  questions: string[],
  start: number,
  tokens: number,
  count: (modelText: string) => number,
): BenchPrompt {
  let text = ''
  for (let i = start; count(text.toLowerCase()) < tokens; i++) {
    text += (text ? '\n' : '') + questions[i % questions.length]
  }
  // Over by at most one question: keep the longest start that still fits (binary search). Cut at
  // a character, not a word: one long identifier can be a dozen tokens.
  let low = 1
  let high = text.length
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (count(text.slice(0, mid).toLowerCase()) <= tokens) low = mid
    else high = mid - 1
  }
  const fitted = text.slice(0, low)
  const modelText = fitted.toLowerCase()
  return { text: fitted, modelText, tokens: count(modelText) }
}

/**
 * `variants` different prompts per size, each starting at a different question: consecutive calls
 * never repeat a text, so the generative engine's prefix reuse skips only the persona list, as it
 * does in production, never the user's text.
 */
export function buildPrompts(
  questions: string[],
  sizes: readonly number[],
  variants: number,
  count: (modelText: string) => number,
): Map<number, BenchPrompt[]> {
  const step = Math.max(1, Math.floor(questions.length / variants))
  const prompts = new Map<number, BenchPrompt[]>()
  for (const size of sizes) {
    prompts.set(
      size,
      Array.from({ length: variants }, (_, v) => sizedPrompt(questions, v * step, size, count)),
    )
  }
  return prompts
}
