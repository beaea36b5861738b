// File names a person writes in a sentence: `Fix the bug in src/App.tsx`, a stack trace line, a
// quoted Windows path. One left-to-right pass over each line splits it into tokens at spaces,
// brackets and quotes; each token is judged by plain string checks, so the cost is linear in the
// line length whatever it holds. Prose is full of things shaped like `name.ext` (Node.js, e.g.,
// example.com, v1.2.3, console.log), so a token counts only when its extension is a file kind
// listed below, or it is a named build file or a known dotfile; rooted paths (`/x`, `./x`, `C:\x`)
// vouch for any extension.

/**
 * Extensions of source, config, markup, data and build files. Not `env`, `log` or `map`: in prose
 * `process.env`, `console.log` and `array.map` are far more common than such files.
 */
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'ts tsx js jsx mjs cjs mts cts py pyi pyx ipynb rb erb go rs java kt kts scala sc groovy swift ' +
    'm mm c h cc cpp cxx hpp hh hxx inl cu cs csx fs fsi fsx vb php pl pm r jl lua dart ex exs erl ' +
    'hrl elm clj cljs cljc edn hs lhs ml mli nim zig v sol move cairo asm wat wasm sh bash zsh fish ' +
    'ps1 psm1 bat cmd sql graphql gql proto thrift avsc html htm xhtml css scss sass less styl ' +
    'pcss vue svelte astro ejs hbs handlebars mustache pug jade njk liquid twig jinja j2 razor ' +
    'cshtml jsp md mdx markdown rst txt adoc tex bib org json jsonc json5 jsonl ndjson yaml yml ' +
    'toml ini cfg conf properties xml xsd xsl plist csv tsv parquet lock gradle cmake mk mak tf ' +
    'tfvars hcl nix bzl bazel prisma csproj fsproj vbproj sln props targets pbxproj xcconfig ' +
    'storyboard xib glsl hlsl wgsl frag vert shader svg png jpg jpeg gif webp ico pdf glb gltf ' +
    'diff patch dockerfile containerfile service desktop'
  ).split(' '),
)

/** Extensionless files spelled as their tools spell them; `@workspace` is not Bazel's WORKSPACE. */
export const NAMED_FILES: ReadonlySet<string> = new Set(
  (
    'Dockerfile Containerfile Makefile GNUmakefile Justfile justfile Rakefile Gemfile Podfile ' +
    'Brewfile Procfile Jenkinsfile Vagrantfile Caddyfile Pipfile Earthfile Tiltfile Snakefile ' +
    'Berksfile Guardfile Fastfile Appfile Dangerfile Capfile Puppetfile Cartfile CODEOWNERS ' +
    'LICENSE README CHANGELOG BUILD WORKSPACE'
  ).split(' '),
)

/** Named files that are also ordinary words ("update the README", "BUILD FAILED"): only in a path. */
const WORDS_AS_NAMES = new Set(['LICENSE', 'README', 'CHANGELOG', 'BUILD', 'WORKSPACE'])
/** Wrapper scripts run as `./gradlew`: files only when written with a folder. */
const SCRIPTS_IN_A_FOLDER = new Set(['gradlew', 'mvnw', 'configure', 'bootstrap'])
/** Files whose extension is not a file kind on its own (`go.mod`, not `mod`). */
const FULL_NAMES = new Set(['go.mod', 'go.sum', 'go.work', 'gradle.properties', 'bun.lockb'])

/**
 * Things written `name.js` that are products, not files ("I use Node.js"). Read only without a
 * folder: `src/node.js` is a file.
 */
const PRODUCT_NAMES = new Set(
  (
    'node vue next nuxt express react angular ember backbone three babylon d3 chart nest nestjs ' +
    'alpine solid preact mithril knockout meteor sails koa hapi feathers adonis gatsby remix ' +
    'svelte qwik moment day luxon underscore lodash require p5 pixi paper phaser tone anime ' +
    'popper hammer highlight prism video leaflet handlebars mustache web3 ethers immutable redux ' +
    'tensorflow brain ml5 fabric konva matter plotly cytoscape sigma vis zepto riot ractive ' +
    'electron deno bun io socket mocha jasmine chai cypress'
  )
    .split(' ')
    .map((name) => `${name}.js`),
)
/** Abbreviations and sites that look like `name.ext` once their final dot is gone. */
const NOT_FILES = new Set(['e.g', 'i.e', 'a.k.a', 'n.b', 'p.s', 'docs.rs', 'bun.sh', 'deno.land'])

/** Dotfiles named by their first part (`.eslintrc.json` by `eslintrc`); `.github` is a folder. */
const DOTFILE_NAMES = new Set(
  (
    'env gitattributes gitmodules gitkeep mailmap gitlab-ci travis htaccess profile bash_profile ' +
    'bash_aliases bash_logout flake8 clang-format clang-tidy golangci tmux sqlfluff hadolint ' +
    'markdownlint pre-commit-hooks ds_store'
  ).split(' '),
)
const DOTFILE_SUFFIXES = ['rc', 'ignore', 'config', '-version', '-versions']

const MAX_PATH_CHARS = 512
/** A token longer than this is not looked at: a path, a line suffix and some punctuation. */
const MAX_TOKEN_CHARS = MAX_PATH_CHARS + 32

// ---- Characters -------------------------------------------------------------------------------

const DELIMITER = 1
const QUOTE = 2
/** A dot or a path separator: a word without one can only be a named file. */
const MARK = 4
const ASCII_KIND = new Uint8Array(128)
for (const ch of ' \t\r\n\f\v()[]{}<>,;|=') ASCII_KIND[ch.charCodeAt(0)] = DELIMITER
for (const ch of '"\'`') ASCII_KIND[ch.charCodeAt(0)] = DELIMITER | QUOTE
for (const ch of './\\') ASCII_KIND[ch.charCodeAt(0)] = MARK

function kindOf(code: number): number {
  if (code < 128) return ASCII_KIND[code]!
  return isWideDelimiter(code) ? DELIMITER : 0
}

function isWideDelimiter(code: number): boolean {
  return (
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b) || // spaces
    (code >= 0x2018 && code <= 0x201f) || // curly quotes
    code === 0xab ||
    code === 0xbb ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x3000 && code <= 0x303f) || // CJK spaces and punctuation
    (code >= 0xff01 && code <= 0xff0f) // fullwidth punctuation
  )
}

const isDigit = (code: number) => code >= 48 && code <= 57
const isLetter = (code: number) => (code | 32) >= 97 && (code | 32) <= 122
const isSeparator = (code: number) => code === 47 || code === 92
/** Punctuation a sentence puts after a name: `see src/a.ts.`, `(in a.ts)`, `**a.ts**`. */
const isTrailing = (code: number) =>
  code === 46 ||
  code === 44 ||
  code === 58 ||
  code === 59 ||
  code === 33 ||
  code === 63 ||
  code === 42

// ---- Scanning ---------------------------------------------------------------------------------

/**
 * Calls `found` with each file name written in one line of a person's text and where it starts,
 * in order, as written (without quotes, trailing punctuation or a `:line:col` suffix); stops when
 * `found` returns false. Time is linear in the line's length.
 */
export function readFileNamesInProse(
  line: string,
  found: (name: string, at: number) => boolean,
): void {
  const n = line.length
  let i = 0
  while (i < n) {
    const kind = kindOf(line.charCodeAt(i))
    if (kind & DELIMITER) {
      // A quoted rooted path may hold spaces: "C:\Program Files\App\settings.ini".
      const close = kind & QUOTE ? quotedPathEnd(line, i) : -1
      if (close > 0) {
        const name = fileNameOf(line.slice(i + 1, close), true)
        if (name !== null) {
          if (!found(name, i + 1)) return
          i = close + 1
          continue
        }
      }
      i++
      continue
    }
    const start = i
    let marks = kind
    for (i++; i < n; i++) {
      const next = kindOf(line.charCodeAt(i))
      if (next & DELIMITER) break
      marks |= next
    }
    if (i - start > MAX_TOKEN_CHARS) continue
    // Most words have no dot or slash and are skipped at once.
    if (!(marks & MARK) && !mayBeNamedFile(line, start, i)) continue
    // `res.json()` is a call; `src/a.ts(12,5)` is tsc's position.
    if (line.charCodeAt(i) === 40 && !isDigit(line.charCodeAt(i + 1))) continue
    const name = fileNameOf(line.slice(start, i), false)
    if (name !== null && !found(name, start)) return
  }
}

/** A word that may be a named file (`Dockerfile`, `**Makefile**`, `justfile`) by its shape. */
function mayBeNamedFile(line: string, start: number, end: number): boolean {
  let first = start
  while (first < end && line.charCodeAt(first) === 42) first++
  const c = line.charCodeAt(first)
  return end - first >= 4 && end - first <= 32 && ((c >= 65 && c <= 90) || c === 106) // A-Z, j
}

/**
 * Index of the quote closing a quoted span that starts like a rooted path and holds a space, or -1.
 * Its search stops at the next quote of the same kind, so a line's quotes cost one pass in total.
 */
function quotedPathEnd(line: string, open: number): number {
  if (!startsRooted(line, open + 1)) return -1
  const close = line.indexOf(line[open]!, open + 1)
  if (close < 0 || close - open > MAX_PATH_CHARS + 1) return -1
  for (let i = open + 1; i < close; i++) if (line.charCodeAt(i) === 32) return close
  return -1
}

/** `/x`, `~/x`, `./x`, `../x`, `.\x`, `\\server`, `C:\x`, `C:/x` at `at`. */
function startsRooted(s: string, at: number): boolean {
  const a = s.charCodeAt(at)
  const b = s.charCodeAt(at + 1)
  if (a === 47) return b !== 47 // `//` opens a comment or a protocol-relative URL
  if (a === 92) return b === 92
  if (a === 126) return isSeparator(b) // ~
  if (a === 46) {
    if (isSeparator(b)) return true
    return b === 46 && isSeparator(s.charCodeAt(at + 2))
  }
  return isLetter(a) && b === 58 && isSeparator(s.charCodeAt(at + 2))
}

/** The file name a token (or a quoted span, which may hold spaces) stands for, or null. */
function fileNameOf(token: string, spaced: boolean): string | null {
  let start = 0
  let end = token.length
  while (start < end && token.charCodeAt(start) === 42) start++ // **bold**
  // `*.log`, `*/x`: a glob, not a file.
  if (start > 0 && (token.charCodeAt(start) === 46 || isSeparator(token.charCodeAt(start))))
    return null
  const first = token.charCodeAt(start)
  if (first === 64 || first === 35) return null // @mentions are read elsewhere; #123, #tag
  end = stripLineSuffix(token, start, trimTrailing(token, start, end))
  end = trimTrailing(token, start, end)
  if (end - start < 2 || end - start > MAX_PATH_CHARS) return null
  const name = start === 0 && end === token.length ? token : token.slice(start, end)
  return isFilePath(name, spaced) ? name : null
}

function trimTrailing(s: string, start: number, end: number): number {
  while (end > start && isTrailing(s.charCodeAt(end - 1))) end--
  return end
}

/** End of `s` without a `:12`, `:12:5`, `:12-20`, `:line` (dotnet) or `#L5-L9` suffix. */
function stripLineSuffix(s: string, start: number, end: number): number {
  if (s.endsWith(':line', end)) return end - 5
  const hash = s.lastIndexOf('#L', end - 1)
  if (hash >= start && isLineRange(s, hash + 2, end)) return hash
  let i = digitsBefore(s, start, end)
  if (i === end) return end
  if (s.charCodeAt(i - 1) === 45) {
    // the end of a range, `:12-20`
    const from = digitsBefore(s, start, i - 1)
    if (from === i - 1) return end
    i = from
  }
  let cut = end
  while (i > start && s.charCodeAt(i - 1) === 58) {
    cut = i - 1
    const from = digitsBefore(s, start, cut)
    if (from === cut) break
    i = from
  }
  return cut
}

/** Start of the run of digits that ends at `end`. */
function digitsBefore(s: string, start: number, end: number): number {
  let i = end
  while (i > start && isDigit(s.charCodeAt(i - 1))) i--
  return i
}

/** `5`, `5-9` or `5-L9` from `from` to `end`. */
function isLineRange(s: string, from: number, end: number): boolean {
  let i = from
  while (i < end && isDigit(s.charCodeAt(i))) i++
  if (i === from) return false
  if (i === end) return true
  if (s.charCodeAt(i++) !== 45) return false
  if (s.charCodeAt(i) === 76) i++
  const digits = i
  while (i < end && isDigit(s.charCodeAt(i))) i++
  return i === end && i > digits
}

/** Whether a cleaned token is a path whose last part names a file. */
function isFilePath(name: string, spaced: boolean): boolean {
  if (name.includes('://') || /^(?:www\.|mailto:)/i.test(name)) return false
  const rooted = startsRooted(name, 0)
  let lastSeparator = -1
  let firstSeparator = -1
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i)
    if (isSeparator(code)) {
      if (firstSeparator < 0) firstSeparator = i
      lastSeparator = i
    } else if (code === 58) {
      if (i !== 1 || !isLetter(name.charCodeAt(0)) || !isSeparator(name.charCodeAt(2))) return false
    } else if (code === 64) {
      if (i === 0 || name.charCodeAt(i - 1) !== 47) return false // e-mail, user@host, pkg@1.0
    } else if (code === 32) {
      if (!spaced) return false
    } else if (
      code === 42 ||
      code === 63 ||
      code === 33 ||
      code === 35 ||
      code === 38 ||
      code === 94 ||
      code < 32
    ) {
      return false // * ? ! # & ^: globs, queries, shell
    }
  }
  if (spaced && !rooted) return false
  const base = name.slice(lastSeparator + 1)
  if (lastSeparator < 0) return isBareFileName(base)
  if (!rooted) {
    const firstPart = name.slice(0, firstSeparator)
    if (isDomain(firstPart)) return false
    // `React/Next.js`, `Node.js/Express.js`: product names, not a folder and a file.
    if (firstSeparator === lastSeparator && PRODUCT_NAMES.has(base.toLowerCase())) {
      const c = firstPart.charCodeAt(0)
      if ((c >= 65 && c <= 90) || PRODUCT_NAMES.has(firstPart.toLowerCase())) return false
    }
  }
  return isFileBase(base, rooted, name)
}

/** `example.com`, `api.github.com`: a host as a path's first part. */
function isDomain(part: string): boolean {
  const dot = part.lastIndexOf('.')
  if (dot <= 0) return false
  const tld = part.slice(dot + 1)
  if (tld.length < 2) return false
  for (let i = 0; i < tld.length; i++) if (!isLetter(tld.charCodeAt(i))) return false
  return !FILE_EXTENSIONS.has(tld.toLowerCase())
}

/** The last part of a path with a folder: a file kind, a named file, a dotfile, a wrapper script. */
function isFileBase(base: string, rooted: boolean, path: string): boolean {
  if (base === '' || base === '.' || base === '..') return false
  if (NAMED_FILES.has(base) || isDotfile(base)) return true
  if (SCRIPTS_IN_A_FOLDER.has(base)) return path.charCodeAt(0) === 46 // ./gradlew
  const ext = extensionOf(base)
  if (ext === null) return false
  return rooted || FILE_EXTENSIONS.has(ext.toLowerCase()) || FULL_NAMES.has(base)
}

/** A name without a folder must be a file kind: prose has many `word.word` tokens. */
function isBareFileName(base: string): boolean {
  if (NAMED_FILES.has(base)) return !WORDS_AS_NAMES.has(base)
  if (base.charCodeAt(0) === 46) return isDotfile(base)
  const lower = base.toLowerCase()
  if (FULL_NAMES.has(lower)) return true
  if (NOT_FILES.has(lower) || PRODUCT_NAMES.has(lower)) return false
  const ext = extensionOf(base)
  if (ext === null || !FILE_EXTENSIONS.has(ext.toLowerCase())) return false
  const first = base.charCodeAt(0)
  if (first === 45) return false // -flag.json is an option
  // `p.m`, `a.m`: a one-letter name with a one-letter extension is an abbreviation.
  return !(ext.length === 1 && base.length === 3)
}

/** `.gitignore`, `.env.local`, `.eslintrc.json`; not `.ts` or `.test.ts` (extensions). */
function isDotfile(base: string): boolean {
  if (base.charCodeAt(0) !== 46) return false
  const dot = base.indexOf('.', 1)
  const name = (dot < 0 ? base.slice(1) : base.slice(1, dot)).toLowerCase()
  if (DOTFILE_NAMES.has(name)) return true
  return DOTFILE_SUFFIXES.some((suffix) => name.length > suffix.length && name.endsWith(suffix))
}

const VERSION_RE = /^v?\d+(?:\.\d+)+(?:[-+][\w.-]*)?$/i

/** The extension of a file name (`ts` of `a.d.ts`), or null for none, a number or a version. */
function extensionOf(base: string): string | null {
  const dot = base.lastIndexOf('.')
  if (dot <= 0 || dot === base.length - 1 || base.length - dot - 1 > 12) return null
  let letter = false
  for (let i = dot + 1; i < base.length; i++) {
    const c = base.charCodeAt(i)
    if (isLetter(c)) letter = true
    else if (!isDigit(c) && c !== 95 && c !== 43 && c !== 45) return null
  }
  if (!letter || VERSION_RE.test(base)) return null
  return base.slice(dot + 1)
}
