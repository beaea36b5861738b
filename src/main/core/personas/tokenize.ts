// Tokenisation shared by persona documents, prompts and the built-in lexicon: all three go through
// these functions, so a lexicon term, a persona description and a prompt meet on identical keys.

/** One word or code identifier of a text. */
export interface TokenUnit {
  /**
   * Lowercase stemmed key: a plain word (`services` -> `service`), or a whole compound with `-`
   * and `_` removed so `useEffect`, `use_effect` and `use-effect` all read `useeffect`.
   */
  key: string
  /** Stemmed parts of a compound (`use`, `effect`); empty for a plain word. */
  parts: string[]
  /** A stop word: kept in the unit stream so phrases like "out of memory" still match. */
  stop: boolean
}

// A word, a code identifier, a dotted name (next.js, req.body, App.vue) or a bare file extension
// (.tsx); `c++` and `c#` keep their suffix. Slashes, quotes and brackets separate.
const TOKEN = /\.?[A-Za-z0-9_$]+(?:[.-][A-Za-z0-9_$]+)*(?:\+\+|#)?/g

// File extensions worth a unit of their own: `main.tf` means Terraform while a bare `tf` in prose
// usually means TensorFlow, so the extension must stay distinguishable from the word.
const FILE_EXTENSIONS = new Set(
  (
    'js jsx ts tsx mjs cjs vue svelte astro css scss sass less html htm json yml yaml toml ini xml ' +
    'py ipynb pyi rb php java kt kts gradle swift m mm dart go rs c h cc cpp hpp cs fs scala ex exs ' +
    'sql prisma proto graphql gql tf tfvars hcl sh bash zsh ps1 env md mdx rst txt csv parquet ' +
    'avro lock plist xcodeproj storyboard xib apk aab ipa wasm glsl hlsl shader unity uasset gd'
  ).split(' '),
)

const STOP_WORDS = new Set(
  (
    'a an the and or but nor if then else so to of in on at by for with without from into onto ' +
    'about as than too very can could should would will shall may might must not no yes just ' +
    'only also even still all any some every each more most much many other such there here ' +
    'i me my mine we our us you your it its this that these those they them their he she his her ' +
    'is are was were be been being am have has had do does did doing done get gets got getting ' +
    'how what why when where which who whom whose whether vs versus via per etc eg ie ' +
    'make makes made use uses using want wants need needs like way best good better right ' +
    'thing things really actually please thanks thank hello hi hey ok okay sure help ' +
    'fix fixes problem issue question after before again one two three first new now ' +
    'time same up down out over own instead keep keeps kept let lets go goes going ' +
    'work works working something anything everything someone anyone ' +
    "don doesn didn isn aren wasn won can't t s re ve ll m d " +
    'expert guru specialist developer developers engineer engineers ninja wizard master'
  ).split(/\s+/),
)

// Words whose -ing/-ed form is a different technical term: stripping would merge ML embeddings
// with embedded systems, and the Spring framework with `spr`.
const KEEP_SUFFIX = new Set(['embedded', 'embedding', 'spring', 'string'])

/** Folds plurals and -ing/-ed endings, so `deploys`, `deploying` and `deployed` share a key. */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word
  let w = word
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`
  else if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1)
  if (KEEP_SUFFIX.has(w)) return w
  let stripped = false
  if (w.endsWith('ing') && w.length >= 6) {
    w = w.slice(0, -3)
    stripped = true
  } else if (w.endsWith('ed') && w.length >= 5) {
    w = w.slice(0, -2)
    stripped = true
  }
  // Undouble what a stripped suffix left behind (runn -> run, logg -> log), as Porter does.
  if (stripped && /([^aeiouls])\1$/.test(w)) w = w.slice(0, -1)
  // A final e is dropped everywhere so `cache`, `cached` and `caching` meet at `cach`.
  if (w.length >= 4 && w.endsWith('e')) w = w.slice(0, -1)
  return w
}

/** Splits a text into word and identifier units, in order, stop words flagged but kept. */
export function tokenizeUnits(text: string): TokenUnit[] {
  const units: TokenUnit[] = []
  for (const match of text.matchAll(TOKEN)) pushUnits(match[0], units)
  return units
}

/** The flat terms of a text for scoring: every non-stop key and compound part, numbers dropped. */
export function tokenize(text: string): string[] {
  return unitTerms(tokenizeUnits(text))
}

/** The flat scoring terms of already tokenised units (see `tokenize`). */
export function unitTerms(units: readonly TokenUnit[]): string[] {
  const terms: string[] = []
  for (const unit of units) {
    if (unit.stop) continue
    if (isTerm(unit.key)) terms.push(unit.key)
    for (const part of unit.parts) if (part !== unit.key && isTerm(part)) terms.push(part)
  }
  return terms
}

function isTerm(term: string): boolean {
  return term.length > 1 && !/^[0-9.]+$/.test(term)
}

// A plain (possibly capitalised) word or number: most tokens of a prompt, and not worth splitting.
const PLAIN = /^(?:[A-Za-z][a-z]*|[0-9]+)$/

function pushUnits(raw: string, units: TokenUnit[]): void {
  const lower = raw.toLowerCase()
  if (PLAIN.test(raw)) {
    units.push({ key: stem(lower), parts: [], stop: STOP_WORDS.has(lower) })
    return
  }
  const dot = lower.lastIndexOf('.')
  const extension = dot > 0 ? lower.slice(dot + 1) : ''
  const isFile = FILE_EXTENSIONS.has(extension)
  const base = isFile ? raw.slice(0, dot) : raw
  const rawParts = splitIdentifier(base)
  if (rawParts.length <= 1 && !isFile && !raw.startsWith('.')) {
    units.push({ key: stem(lower), parts: [], stop: STOP_WORDS.has(lower) })
    return
  }
  const parts = rawParts.filter((part) => !STOP_WORDS.has(part)).map(stem)
  // Stemmed like a plain word, so `DataSource` in a prompt meets `datasource` in the lexicon.
  units.push({ key: stem(lower.replace(/[-_$]/g, '')), parts, stop: false })
  if (isFile) units.push({ key: `.${extension}`, parts: [], stop: false })
}

/**
 * Lowercase pieces of an identifier split at camelCase humps (`useEffect`, `OOMKilled`), `_`, `-`,
 * `.` and `$`. A hand-written scan: this runs for every identifier of a prompt full of code.
 */
function splitIdentifier(raw: string): string[] {
  const parts: string[] = []
  let start = 0
  const flush = (end: number): void => {
    if (end > start) parts.push(raw.slice(start, end).toLowerCase())
  }
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c === 95 || c === 45 || c === 46 || c === 36) {
      flush(i)
      start = i + 1
    } else if (isUpper(c) && i > start) {
      const prev = raw.charCodeAt(i - 1)
      const next = i + 1 < raw.length ? raw.charCodeAt(i + 1) : 0
      // A hump after a lowercase letter or digit (useEffect), or the last capital of an acronym
      // that starts a word (OOMKilled -> OOM Killed).
      if (!isUpper(prev) || isLower(next)) {
        flush(i)
        start = i
      }
    }
  }
  flush(raw.length)
  return parts
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122
}
