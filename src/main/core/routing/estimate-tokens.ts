import type { OpenAIChatRequest } from '../providers/wire/openai.ts'

// A fast stand-in for a BPE tokenizer (o200k-class): a linear model over character runs, fitted
// by least squares against o200k_base on this repository's own source and docs (code and prose),
// and measured on real client requests in test/unit/estimate-tokens.test.ts. Within a few percent
// on whole requests, at a fraction of a real tokenizer's cost, and with bounded work: long texts
// are sampled, and past a total scan budget the running density stands in for the rest.
const WEIGHTS = {
  // A run of ASCII letters after a space (" word") or after anything else (`.word`, `(word`):
  // short runs are about one token; longer ones a base cost plus a cost per letter.
  spacedShort: 1.113,
  spacedLong: 0.696,
  spacedLongChar: 0.133,
  short: 0.993,
  long: -1.066,
  longChar: 0.18,
  camelHump: 0.541, // a lower-to-upper case change inside a run splits identifiers
  digitGroup: 1.994, // digits, counted in groups of three
  punctuation: 0.483, // ASCII symbols merge often (`();`, `":`, `</`)
  lineBreak: 0.217,
  indent: 1.23, // a run of 2+ spaces or tabs
  nonAscii: 2.424, // accented letters, CJK, emoji, box drawing
}
const PER_MESSAGE = 4 // role and separators, as OpenAI documents for chat formats
const REPLY_PRIMING = 3
const IMAGE_TOKENS = 1000 // between OpenAI's 765 (1024x1024) and Anthropic's ~1,600 (1.15 MP)
const FULL_SCAN_CHARS = 4096
const WINDOW_CHARS = 1024
const SCAN_BUDGET_CHARS = 16 * 1024
const MAX_NODES = 20_000
// No character counts for more than this (a non-ASCII one), and every token the estimate adds for
// structure (a message, a string, a key) stands for more characters of JSON than that implies.
const MAX_TOKENS_PER_CHAR = 2.5
// What a translated request can add around a tool definition of its source (OpenAI's wrapper).
const TOOL_WRAPPER_TOKENS = 100

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isDigit = (c: number) => c >= 48 && c <= 57

/** Token estimate of s[from, to): one pass over the characters. */
function scan(s: string, from: number, to: number): number {
  let tokens = 0
  let i = from
  while (i < to) {
    const c = s.charCodeAt(i)
    let j = i + 1
    if (isLetter(c)) {
      let humps = 0
      while (j < to && isLetter(s.charCodeAt(j))) {
        if (s.charCodeAt(j) <= 90 && s.charCodeAt(j - 1) >= 97) humps++
        j++
      }
      const length = j - i
      const spaced = i > 0 && s.charCodeAt(i - 1) === 32
      tokens += WEIGHTS.camelHump * humps
      if (spaced)
        tokens +=
          length <= 6 ? WEIGHTS.spacedShort : WEIGHTS.spacedLong + WEIGHTS.spacedLongChar * length
      else tokens += length <= 6 ? WEIGHTS.short : WEIGHTS.long + WEIGHTS.longChar * length
    } else if (isDigit(c)) {
      while (j < to && isDigit(s.charCodeAt(j))) j++
      tokens += WEIGHTS.digitGroup * Math.ceil((j - i) / 3)
    } else if (c === 10 || c === 13) {
      while (j < to && (s.charCodeAt(j) === 10 || s.charCodeAt(j) === 13)) j++
      tokens += WEIGHTS.lineBreak
    } else if (c === 32 || c === 9) {
      while (j < to && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j++
      if (j - i > 1) tokens += WEIGHTS.indent
    } else {
      tokens += c < 128 ? WEIGHTS.punctuation : WEIGHTS.nonAscii
    }
    i = j
  }
  return tokens
}

/** Counts texts within a scan budget, so a 200k-token request costs about what a 2k one does. */
class TokenCounter {
  /** Characters read, and the tokens counted in them: their ratio stands in past the budget. */
  private scanned = 0
  private scannedTokens = 0
  private nodes = 0

  text(s: string): number {
    if (!s) return 0
    if (this.scanned >= SCAN_BUDGET_CHARS) return s.length * this.density()
    if (s.length <= FULL_SCAN_CHARS) return this.read(s, 0, s.length)
    const mid = (s.length - WINDOW_CHARS) >> 1
    const sampled =
      this.read(s, 0, WINDOW_CHARS) +
      this.read(s, mid, mid + WINDOW_CHARS) +
      this.read(s, s.length - WINDOW_CHARS, s.length)
    return (sampled / (3 * WINDOW_CHARS)) * s.length
  }

  private read(s: string, from: number, to: number): number {
    const t = scan(s, from, to)
    this.scanned += to - from
    this.scannedTokens += t
    return t
  }

  /** A JSON value as its serialisation would count: keys, strings, and a token per structure. */
  json(value: unknown): number {
    if (++this.nodes > MAX_NODES) return 0
    if (typeof value === 'string') return this.text(value) + 1
    if (value === null || typeof value !== 'object') return 1
    let t = 1
    if (Array.isArray(value)) {
      for (const item of value) t += this.json(item)
      return t
    }
    for (const [key, item] of Object.entries(value)) t += this.text(key) + 1 + this.json(item)
    return t
  }

  private density(): number {
    return this.scanned ? this.scannedTokens / this.scanned : 0.3
  }
}

/** Estimated tokens of a text, as an o200k-class tokenizer would count them; long text is sampled. */
export function estimateTextTokens(text: string): number {
  return Math.round(new TokenCounter().text(text))
}

/** Estimated prompt tokens of a canonical chat request: messages, tool calls and tool definitions. */
export function estimatePromptTokens(chat: OpenAIChatRequest): number {
  const counter = new TokenCounter()
  let tokens = REPLY_PRIMING
  for (const message of Array.isArray(chat.messages) ? chat.messages : []) {
    if (!message) continue
    tokens += PER_MESSAGE
    const content: unknown = message.content
    if (typeof content === 'string') tokens += counter.text(content)
    else if (Array.isArray(content)) {
      for (const part of content as { type?: string; text?: unknown }[]) {
        if (part?.type === 'image_url') tokens += IMAGE_TOKENS
        else if (typeof part?.text === 'string') tokens += counter.text(part.text)
      }
    }
    for (const call of ((message as { tool_calls?: unknown }).tool_calls as
      { function?: { name?: unknown; arguments?: unknown } }[] | undefined) ?? []) {
      const fn = call?.function
      if (typeof fn?.name === 'string') tokens += counter.text(fn.name) + 1
      if (typeof fn?.arguments === 'string') tokens += counter.text(fn.arguments)
    }
  }
  if (Array.isArray(chat.tools) && chat.tools.length) tokens += counter.json(chat.tools)
  return Math.round(tokens)
}

/**
 * An upper bound on `estimatePromptTokens(chat)` from the length of the JSON the request arrived
 * as, its images and tools: O(messages), no text read. A request well inside a context window
 * needs no estimate at all.
 */
export function promptTokenCeiling(
  jsonChars: number,
  chat: Pick<OpenAIChatRequest, 'messages' | 'tools'> | null,
): number {
  let images = 0
  for (const message of Array.isArray(chat?.messages) ? chat.messages : []) {
    const content: unknown = message?.content
    if (Array.isArray(content))
      for (const part of content as { type?: string }[]) if (part?.type === 'image_url') images++
  }
  const tools = Array.isArray(chat?.tools) ? chat.tools.length : 0
  return (
    REPLY_PRIMING +
    MAX_TOKENS_PER_CHAR * jsonChars +
    IMAGE_TOKENS * images +
    TOOL_WRAPPER_TOKENS * tools
  )
}
