// A filename rule's pattern, compiled once when rules are loaded and tested against every file
// name of every request, so the per-call work is a single includes() or RegExp.test().

/** Tells whether one file name matches a compiled pattern. */
export type FileMatcher = (fileName: string) => boolean

const GLOB_CHARS_RE = /[*?]/
const BACKSLASH_RE = /\\/g
const REGEXP_SPECIAL_RE = /[.+^${}()|[\]\\/]/g

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
  if (trimmed === '') return () => false
  if (!GLOB_CHARS_RE.test(trimmed)) return compileSubstring(trimmed, caseSensitive)
  const source = globBody(trimmed.replace(BACKSLASH_RE, '/').replace(/^\/+/, ''))
  const re = new RegExp(`(?:^|/)${source}$`, caseSensitive ? '' : 'i')
  return (fileName) => re.test(toSlashes(fileName))
}

/** Returns the first file the matcher accepts, or null; the decision log names that file. */
export function matchesAnyFile(matcher: FileMatcher, files: readonly string[]): string | null {
  for (const file of files) if (matcher(file)) return file
  return null
}

function compileSubstring(pattern: string, caseSensitive: boolean): FileMatcher {
  // Only a pattern that names folders needs Windows paths normalised; `.tsx` never does.
  const hasSlash = pattern.includes('/') || pattern.includes('\\')
  const needle = prepare(pattern, hasSlash, caseSensitive)
  return (fileName) => prepare(fileName, hasSlash, caseSensitive).includes(needle)
}

function prepare(text: string, slashes: boolean, caseSensitive: boolean): string {
  const normalised = slashes ? toSlashes(text) : text
  return caseSensitive ? normalised : normalised.toLowerCase()
}

function toSlashes(path: string): string {
  return path.includes('\\') ? path.replace(BACKSLASH_RE, '/') : path
}

/** Translates a glob (already using `/`) into a RegExp source without anchors. */
function globBody(glob: string): string {
  let out = ''
  let i = 0
  while (i < glob.length) {
    const c = glob[i]
    if (c === '*') {
      let end = i + 1
      while (glob[end] === '*') end++
      if (end - i === 1) {
        out += '[^/]*'
      } else if ((i === 0 || glob[i - 1] === '/') && glob[end] === '/') {
        // `**/` also matches no folder at all: `src/**/*.ts` matches `src/a.ts`.
        out += '(?:[^/]*/)*'
        end++
      } else {
        out += '.*'
      }
      i = end
    } else if (c === '?') {
      out += '[^/]'
      i++
    } else if (c === '{') {
      const close = glob.indexOf('}', i)
      const inner = close > i ? glob.slice(i + 1, close) : ''
      if (inner.includes(',') && !inner.includes('{')) {
        out += `(?:${inner.split(',').map(globBody).join('|')})`
        i = close + 1
      } else {
        out += '\\{'
        i++
      }
    } else {
      out += c.replace(REGEXP_SPECIAL_RE, '\\$&')
      i++
    }
  }
  return out
}
