import { describe, expect, it } from 'vitest'
import {
  compileFilePattern,
  matchesAnyFile,
  MAX_MATCHED_FILES,
  MAX_MATCHED_PATH_CHARS,
} from '../../src/main/core/routing/match-file-pattern.ts'

type Case = readonly [pattern: string, fileName: string, matches: boolean]

const check = (cases: readonly Case[], caseSensitive = false) =>
  it.each(cases)('%s vs %s -> %s', (pattern, fileName, matches) => {
    expect(compileFilePattern(pattern, caseSensitive)(fileName)).toBe(matches)
  })

describe('compileFilePattern substring', () => {
  check([
    ['.ts', 'src/app.ts', true],
    ['.ts', 'src/app.tsx', true],
    ['.ts', 'src/app.js', false],
    ['.TSX', 'src/App.tsx', true],
    ['components', '/home/me/web/src/components/Button.tsx', true],
    ['src/components', 'C:\\web\\src\\components\\Button.tsx', true],
    ['src\\components', 'src/components/Button.tsx', true],
    ['a+b(1)', 'lib/a+b(1).ts', true],
    ['a+b(1)', 'lib/ab1.ts', false],
    ['  .py  ', 'x.py', true],
  ])
})

describe('compileFilePattern substring, case-sensitive', () => {
  check(
    [
      ['.TSX', 'src/App.tsx', false],
      ['App', 'src/App.tsx', true],
      ['app', 'src/App.tsx', false],
    ],
    true,
  )
})

describe('compileFilePattern glob without a slash: base name or whole path', () => {
  check([
    ['*.py', 'b.py', true],
    ['*.py', 'src/a/b.py', true],
    ['*.py', 'C:\\repo\\b.py', true],
    ['*.py', 'src/a/b.pyc', false],
    ['*.py', 'src/a.py/b.txt', false],
    ['test_*.py', 'tests/test_cart.py', true],
    ['test_*.py', 'tests/cart_test.py', false],
    ['*.PY', 'src/b.py', true],
    ['a?.ts', 'src/ab.ts', true],
    ['a?.ts', 'src/abc.ts', false],
    ['a?.ts', 'a/.ts', false],
    ['*.{ts,tsx}', 'src/a.tsx', true],
    ['*.{ts,tsx}', 'src/a.ts', true],
    ['*.{ts,tsx}', 'src/a.js', false],
    ['*(1).ts', 'a(1).ts', true],
    ['*(1).ts', 'a1.ts', false],
    ['*.[jt]s', 'a.[jt]s', true],
    ['*.[jt]s', 'a.js', false],
  ])
})

describe('compileFilePattern glob with a slash: whole path or a trailing part at a folder', () => {
  check([
    ['src/**/*.ts', 'src/x/y.ts', true],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', '/home/me/app/src/x/y.ts', true],
    ['src/**/*.ts', 'C:\\repo\\src\\x\\y.ts', true],
    ['src/**/*.ts', '/src/x/y.ts', true],
    ['src/**/*.ts', 'mysrc/x.ts', false],
    ['src/**/*.ts', 'src/x/y.tsx', false],
    ['src/**/*.ts', 'lib/src.ts', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/a/b.ts', false],
    ['src/**', 'src/a/b/c.md', true],
    ['src/**', 'lib/a.md', false],
    ['**/test_*.py', 'test_a.py', true],
    ['**/test_*.py', 'pkg/tests/test_a.py', true],
    ['/src/*.ts', 'src/a.ts', true],
    ['/src/*.ts', '/work/src/a.ts', true],
    ['src\\*.ts', 'src/a.ts', true],
    ['app/**/page.tsx', 'app/(auth)/[id]/page.tsx', true],
    ['a**b.ts', 'a/x/b.ts', true],
    ['**', 'anything/at/all', true],
  ])
})

describe('compileFilePattern glob, case-sensitive', () => {
  check(
    [
      ['*.PY', 'src/b.py', false],
      ['*.py', 'src/b.py', true],
      ['Src/**', 'src/a.ts', false],
    ],
    true,
  )
})

describe('compileFilePattern edge cases', () => {
  it('never matches with an empty pattern', () => {
    expect(compileFilePattern('', false)('a.ts')).toBe(false)
    expect(compileFilePattern('   ', false)('a.ts')).toBe(false)
  })

  it('returns a matcher that can be reused', () => {
    const matcher = compileFilePattern('*.tsx', false)
    expect(['a.tsx', 'b.ts', 'c/d.tsx'].map(matcher)).toEqual([true, false, true])
  })
})

describe('matchesAnyFile', () => {
  const tsx = compileFilePattern('.tsx', false)

  it('returns the first matching file', () => {
    expect(matchesAnyFile(tsx, ['README.md', 'src/App.tsx', 'src/B.tsx'])).toBe('src/App.tsx')
  })

  it('returns null when no file matches', () => {
    expect(matchesAnyFile(tsx, ['README.md', 'src/app.ts'])).toBeNull()
    expect(matchesAnyFile(tsx, [])).toBeNull()
  })
})

describe('compileFilePattern on hostile input', () => {
  // Nested `**` against a long path of near-misses made a backtracking RegExp take seconds.
  const nearMiss = 'src/' + 'a/b/c/'.repeat(80) + 'x.ts'

  it('answers nested globstars against a long path of near-misses', () => {
    const matcher = compileFilePattern('**/a/**/b/**/c/**/d', false)
    expect(matcher(nearMiss)).toBe(false)
    expect(matcher(nearMiss.replace('x.ts', 'd'))).toBe(true)
    expect(compileFilePattern('*a*a*a*a*a*a*a*b', false)('a'.repeat(900))).toBe(false)
  })

  it('never matches a file name longer than the cap', () => {
    const long = 'src/' + 'x'.repeat(MAX_MATCHED_PATH_CHARS) + '.py'
    expect(compileFilePattern('*.py', false)(long)).toBe(false)
    expect(compileFilePattern('*.py', false)('src/' + 'x'.repeat(900) + '.py')).toBe(true)
  })

  it('tests at most the first MAX_MATCHED_FILES names of a request', () => {
    const py = compileFilePattern('*.py', false)
    const files = [...Array.from({ length: MAX_MATCHED_FILES }, (_, i) => `f${i}.txt`), 'a.py']
    expect(matchesAnyFile(py, files)).toBeNull()
    expect(matchesAnyFile(py, files.slice(1))).toBe('a.py')
  })
})
