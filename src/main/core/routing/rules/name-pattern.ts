import { compileFilePattern } from '../match-file-pattern.ts'

const GLOB_CHARS_RE = /[*?]/

/**
 * Compiles a name pattern (a model, a tool), case-insensitive: with `*` or `?` it is a glob
 * (`*haiku*`, `claude-*`), otherwise the whole name must be equal, so `gpt-4o` does not catch
 * `gpt-4o-mini`.
 */
export function compileNamePattern(pattern: string): (name: string) => boolean {
  const trimmed = pattern.trim()
  if (GLOB_CHARS_RE.test(trimmed)) return compileFilePattern(trimmed, false)
  const wanted = trimmed.toLowerCase()
  return (name) => name.toLowerCase() === wanted
}
