// A filename rule's pattern, compiled once when rules are loaded and tested against every file
// name of every request. Globs run on a small non-backtracking automaton (Thompson's
// construction, simulated state set by state set), so a pattern like `**/a/**/b/**/c/**/d` costs
// at most (states × characters) steps on any path: a RegExp here backtracked for seconds.

/** A file name with backslashes as slashes, and that lowercased, made once per request. */
interface PreparedName {
  path: string
  lower: string
}

/**
 * Tells whether one file name matches a compiled pattern; `prepared` does the same on a name
 * prepared once for every rule of a request (each rule would otherwise lowercase every name again).
 */
export type FileMatcher = ((fileName: string) => boolean) & {
  prepared(name: PreparedName): boolean
}

function prepareName(fileName: string): PreparedName {
  const path = toSlashes(fileName)
  return { path, lower: path.toLowerCase() }
}

function fileMatcher(prepared: (name: PreparedName) => boolean): FileMatcher {
  return Object.assign((fileName: string) => prepared(prepareName(fileName)), { prepared })
}

/**
 * The prepared names of the file list last matched: a request's filename rules run one after
 * another on the same list, so one entry serves them all. (A WeakMap entry per request's list costs
 * the garbage collector more than preparing the names does.)
 */
let prepared: { files: readonly string[]; names: PreparedName[] } | null = null

function preparedNames(files: readonly string[]): PreparedName[] {
  if (prepared?.files !== files)
    prepared = { files, names: files.slice(0, MAX_MATCHED_FILES).map(prepareName) }
  return prepared.names
}

/** Longer file names are never matched: no real path is this long, and work stays bounded. */
export const MAX_MATCHED_PATH_CHARS = 1024
/** File names of one request tested per rule at most (the extractor already keeps the newest 64). */
export const MAX_MATCHED_FILES = 64

const GLOB_CHARS_RE = /[*?]/
const BACKSLASH_RE = /\\/g
const SLASH = 0x2f

/**
 * Compiles a filename rule's pattern. Without `*` or `?` it is a substring test (`.ts` also
 * matches `.tsx`). With them it is a glob: `*` stays within a folder, `**` crosses folders, `?`
 * is one character, `{a,b}` is either. A glob without a slash matches the base name or the whole
 * path (`*.py` matches `src/a/b.py`); a glob with a slash matches the whole path or any trailing
 * part of it that starts at a folder (`src/**` matches `/home/me/app/src/x.ts`), because clients
 * send absolute paths and the router cannot know where the workspace root is. Backslashes count
 * as slashes on both sides. Case-insensitive unless `caseSensitive`.
 */
export function compileFilePattern(pattern: string, caseSensitive: boolean): FileMatcher {
  const trimmed = pattern.trim()
  if (trimmed === '') return fileMatcher(() => false)
  if (!GLOB_CHARS_RE.test(trimmed)) return compileSubstring(trimmed, caseSensitive)
  const glob = trimmed.replace(BACKSLASH_RE, '/').replace(/^\/+/, '')
  const cased = caseSensitive ? glob : glob.toLowerCase()
  const nfa = compileGlob(cased)
  // A match ends with the glob's literal tail (`.py` of `*.py`): most names fail that at once.
  const tail = literalTail(cased)
  return fileMatcher((name) => {
    if (name.path.length > MAX_MATCHED_PATH_CHARS) return false
    const path = caseSensitive ? name.path : name.lower
    return path.endsWith(tail) && nfa.matches(path)
  })
}

/** Returns the first file the matcher accepts, or null; the decision log names that file. */
export function matchesAnyFile(matcher: FileMatcher, files: readonly string[]): string | null {
  const names = preparedNames(files)
  for (let i = 0; i < names.length; i++) if (matcher.prepared(names[i]!)) return files[i]!
  return null
}

function compileSubstring(pattern: string, caseSensitive: boolean): FileMatcher {
  // Names are matched with backslashes as slashes: a needle with neither finds the same either way.
  const needle = toSlashes(caseSensitive ? pattern : pattern.toLowerCase())
  return fileMatcher((name) => (caseSensitive ? name.path : name.lower).includes(needle))
}

function toSlashes(path: string): string {
  return path.includes('\\') ? path.replace(BACKSLASH_RE, '/') : path
}

/** The literal characters a glob ends with, after its last wildcard or alternation. */
function literalTail(glob: string): string {
  const parts = tokenize(glob)
  let tail = ''
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!
    if (part.type !== 'char') break
    tail = String.fromCharCode(part.code) + tail
  }
  return tail
}

// ---- The automaton -----------------------------------------------------------------------------

// State kinds: consume one given char, consume one char but '/', consume any char, an epsilon
// split to two states, and the accepting state.
const CHAR = 0
const NOT_SLASH = 1
const ANY = 2
const SPLIT = 3
const MATCH = 4

class Nfa {
  readonly kind: number[] = []
  /** CHAR: the char code. SPLIT: the second branch. */
  readonly arg: number[] = []
  /** The following state (SPLIT: the first branch). */
  readonly next: number[] = []
  start = 0
  /** mark[s] === generation: s is already in the set being built (generations never repeat). */
  private mark = new Int32Array(0)
  private generation = 0

  add(kind: number, next: number, arg = 0): number {
    this.kind.push(kind)
    this.next.push(next)
    this.arg.push(arg)
    return this.kind.length - 1
  }

  /** Runs the state set over the text once, left to right: O(states × text length), no backtracking. */
  matches(text: string): boolean {
    if (this.mark.length !== this.kind.length) this.mark = new Int32Array(this.kind.length)
    let current: number[] = []
    let following: number[] = []
    this.nextGeneration()
    this.enter(this.start, current)
    for (let i = 0; i < text.length && current.length > 0; i++) {
      const c = text.charCodeAt(i)
      following.length = 0
      this.nextGeneration()
      for (const s of current) {
        const k = this.kind[s]
        if (k === ANY || (k === NOT_SLASH && c !== SLASH) || (k === CHAR && c === this.arg[s]))
          this.enter(this.next[s]!, following)
      }
      ;[current, following] = [following, current]
    }
    return current.some((s) => this.kind[s] === MATCH)
  }

  private nextGeneration(): void {
    if (++this.generation === 0x7fffffff) {
      this.mark.fill(0)
      this.generation = 1
    }
  }

  /** Adds a state and everything reachable from it through splits, once per step. */
  private enter(state: number, into: number[]): void {
    const stack = [state]
    while (stack.length > 0) {
      const s = stack.pop()!
      if (this.mark[s] === this.generation) continue
      this.mark[s] = this.generation
      if (this.kind[s] === SPLIT) stack.push(this.arg[s]!, this.next[s]!)
      else into.push(s)
    }
  }
}

/**
 * Builds the automaton of `(?:.*\/)?<glob>$`, which is what "the whole path, or a trailing part
 * that starts after a slash" means.
 */
function compileGlob(glob: string): Nfa {
  const nfa = new Nfa()
  const match = nfa.add(MATCH, -1)
  const body = compileSequence(nfa, glob, match)
  // start = split(body, prefix); prefix = any char again, or a '/' and then the body.
  const slash = nfa.add(CHAR, body, SLASH)
  const prefix = nfa.add(SPLIT, -1, slash)
  nfa.next[prefix] = nfa.add(ANY, prefix)
  nfa.start = nfa.add(SPLIT, body, prefix)
  return nfa
}

/** Compiles `glob` so that it continues at state `cont`; returns its first state. Built right to left. */
function compileSequence(nfa: Nfa, glob: string, cont: number): number {
  const parts = tokenize(glob)
  let state = cont
  for (let i = parts.length - 1; i >= 0; i--) state = compilePart(nfa, parts[i]!, state)
  return state
}

type Part =
  | { type: 'char'; code: number }
  | { type: 'one' | 'star' | 'globstar' | 'folders' }
  | { type: 'either'; options: string[] }

/** Splits a glob into parts, with the same reading as the rule editor documents. */
function tokenize(glob: string): Part[] {
  const parts: Part[] = []
  let i = 0
  while (i < glob.length) {
    const c = glob[i]
    if (c === '*') {
      let end = i + 1
      while (glob[end] === '*') end++
      if (end - i === 1) {
        parts.push({ type: 'star' })
      } else if ((i === 0 || glob[i - 1] === '/') && glob[end] === '/') {
        // `**/` also matches no folder at all: `src/**/*.ts` matches `src/a.ts`.
        parts.push({ type: 'folders' })
        end++
      } else {
        parts.push({ type: 'globstar' })
      }
      i = end
    } else if (c === '?') {
      parts.push({ type: 'one' })
      i++
    } else if (c === '{') {
      const close = glob.indexOf('}', i)
      const inner = close > i ? glob.slice(i + 1, close) : ''
      if (inner.includes(',') && !inner.includes('{')) {
        parts.push({ type: 'either', options: inner.split(',') })
        i = close + 1
      } else {
        parts.push({ type: 'char', code: glob.charCodeAt(i) })
        i++
      }
    } else {
      parts.push({ type: 'char', code: glob.charCodeAt(i) })
      i++
    }
  }
  return parts
}

function compilePart(nfa: Nfa, part: Part, cont: number): number {
  switch (part.type) {
    case 'char':
      return nfa.add(CHAR, cont, part.code)
    case 'one':
      return nfa.add(NOT_SLASH, cont)
    case 'star':
    case 'globstar': {
      // loop = split(step, cont); step = consume one char, back to loop.
      const loop = nfa.add(SPLIT, -1, cont)
      nfa.next[loop] = nfa.add(part.type === 'star' ? NOT_SLASH : ANY, loop)
      return loop
    }
    case 'folders': {
      // (?:[^/]*\/)* : loop = split(name, cont); name = split(not-slash, slash); both lead back.
      const loop = nfa.add(SPLIT, -1, cont)
      const slash = nfa.add(CHAR, loop, SLASH)
      const name = nfa.add(SPLIT, -1, slash)
      nfa.next[name] = nfa.add(NOT_SLASH, name)
      nfa.next[loop] = name
      return loop
    }
    case 'either': {
      const starts = part.options.map((option) => compileSequence(nfa, option, cont))
      let state = starts.at(-1)!
      for (let i = starts.length - 2; i >= 0; i--) state = nfa.add(SPLIT, starts[i]!, state)
      return state
    }
  }
}
