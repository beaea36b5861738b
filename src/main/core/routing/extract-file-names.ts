import type { OpenAIMessage } from '../providers/wire/openai.ts'
import { FILE_EXTENSIONS, NAMED_FILES, readFileNamesInProse } from './file-names-in-prose.ts'

// Which files a request is about, read from the forms real clients put in prompts. Runs on every
// request before the upstream call: one pass per text, newest message first; bodies of code
// blocks, file contents and tool output are skipped with indexOf; precompiled regexes run on the
// remaining lines within a line budget, so the cost is bounded whatever the request size. The
// person's own sentences (user messages outside harness blocks) are also read for paths written in
// prose, within a smaller budget of their own.

/**
 * Scan bounds. Whatever the request size, extraction reads at most this much: the newest turns
 * carry the files a request is about, and a file's header sits before the content it introduces.
 */
export const FILE_SCAN_LIMITS = {
  /** Newest messages read; older turns are ignored. */
  messages: 40,
  /**
   * Characters of message text and tool-call arguments taken in total, newest message first,
   * each text from its start. Bodies of fences, file contents, editor state and tool output in
   * them are skipped with indexOf at memory speed.
   */
  textChars: 1024 * 1024,
  /**
   * Lines matched against the path forms in total, newest message first; bodies skipped with
   * indexOf are free. A line costs one more per `lineChars` characters, so a few huge lines cost
   * no more than thousands of short ones.
   */
  lines: 4000,
  lineChars: 64,
  /**
   * Characters of user-message lines read for file names written in prose (`Fix src/App.tsx`),
   * newest message first. A person's ask is short; agents' long turns are harness and output.
   */
  proseChars: 8 * 1024,
  /** Characters of a legacy completion prompt read, from its start. */
  promptChars: 128 * 1024,
  /** Prompts of an array `prompt` read. */
  prompts: 4,
  /** Tool calls read per assistant message. */
  toolCalls: 32,
  /** Characters of one tool call's JSON arguments read; path keys precede large `content`. */
  argumentChars: 16 * 1024,
  /** File names returned at most. */
  files: 64,
} as const

/** Lines longer than this cannot be a path-only line; only inline forms are looked for in them. */
const MAX_PATH_LINE = 1024
const MAX_PATH_CHARS = 512

/** How much a context vouches for a candidate being a file. */
interface Strictness {
  /** Index of this level in the per-request memo of validated candidates. */
  key: number
  /** The context delimits the value (an attribute, a JSON string), so spaces may occur in it. */
  spaces: boolean
  /** Strip trailing prose punctuation (`see @a.ts.`). */
  loose: boolean
  /** The base name must look like a file itself; a slash plus a plain name is not enough. */
  fileBase: boolean
  /** Without a slash the extension must be a common one (rejects `@app.route`). */
  commonExtWithoutSlash: boolean
}

/** Tag attributes, `<path>` elements, tool-call arguments: the client says it is a file. */
const EXPLICIT: Strictness = {
  key: 0,
  spaces: true,
  loose: false,
  fileBase: false,
  commonExtWithoutSlash: false,
}
/** A lone token in a place where clients put paths: fence info strings, a line before a fence. */
const PATH_TOKEN: Strictness = {
  key: 1,
  spaces: false,
  loose: true,
  fileBase: false,
  commonExtWithoutSlash: false,
}
/** `// Path: x` style labels and bare repo-map lines: a file name, not a folder. */
const LABELLED: Strictness = {
  key: 2,
  spaces: false,
  loose: true,
  fileBase: true,
  commonExtWithoutSlash: false,
}
/** `@x` / `#file:x` mentions and header comments, which also occur for non-files. */
const MENTION: Strictness = {
  key: 3,
  spaces: false,
  loose: true,
  fileBase: true,
  commonExtWithoutSlash: true,
}

/** Abbreviations that look like `name.ext` once their final dot is stripped. */
const NOT_FILES = new Set(['e.g', 'i.e', 'a.k.a', 'n.b', 'p.s', 'etc', 'vs', 'cf'])

const WRAP_START_RE = /^[\s`'"*]+/
const LOOSE_END_RE = /[\s`'"*.,;:!?)\]}>]+$/
const STRICT_END_RE = /[\s`'"]+$/
const LINE_SUFFIX_RE = /(?:#L\d+(?:-L?\d+)?|(?::\d+)+(?:-\d+)?)$/
const FORBIDDEN_RE = /[<>|"*?`\p{Cc}]/u
const SPACE_RE = /\s/
const URL_RE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)/i
const VERSION_RE = /^v?\d+(?:\.\d+)+(?:[-+][\w.-]*)?$/i
const EXTENSION_RE = /^(?=[^.]*[A-Za-z])[A-Za-z0-9_+-]{1,12}$/
const DOTFILE_RE = /^\.[A-Za-z0-9_][\w.-]*$/
const PLAIN_NAME_RE = /^[\p{L}\p{N}_$][\p{L}\p{N}_$.+@~-]*$/u

/** Cleans a candidate (quotes, backticks, `@`, line ranges) and returns it if it looks like a file. */
function cleanFileName(raw: string, s: Strictness): string | null {
  let name = raw.replace(WRAP_START_RE, '')
  if (name.charCodeAt(0) === 64 /* @ */) name = name.slice(1)
  if (name.startsWith('file://')) name = name.slice(7)
  const end = s.loose ? LOOSE_END_RE : STRICT_END_RE
  name = name.replace(end, '').replace(LINE_SUFFIX_RE, '').replace(end, '')
  if (name.length < 2 || name.length > MAX_PATH_CHARS) return null
  if (FORBIDDEN_RE.test(name) || (!s.spaces && SPACE_RE.test(name)) || URL_RE.test(name))
    return null
  const last = name.charCodeAt(name.length - 1)
  if (last === 47 || last === 92) return null // ends with a slash: a folder
  const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'))
  const base = name.slice(cut + 1)
  const lower = base.toLowerCase()
  if (NOT_FILES.has(lower) || VERSION_RE.test(base)) return null
  const dot = base.lastIndexOf('.')
  const ext = dot > 0 ? base.slice(dot + 1) : ''
  if (ext !== '' && EXTENSION_RE.test(ext)) {
    const vouched = cut >= 0 || !s.commonExtWithoutSlash || base.charCodeAt(0) === 46
    return vouched || FILE_EXTENSIONS.has(ext.toLowerCase()) ? name : null
  }
  if (NAMED_FILES.has(base) || DOTFILE_RE.test(base)) return name
  return !s.fileBase && cut >= 0 && PLAIN_NAME_RE.test(base) ? name : null
}

/** What one request's scan shares across messages: budgets, validated candidates, names found. */
interface RequestScan {
  /** Characters of text and tool arguments still to take. */
  chars: number
  /** Lines still to match. */
  lines: number
  /** Characters of user-message lines still to read as prose. */
  prose: number
  /** Agents repeat the same paths every turn; each raw candidate is validated once per level. */
  readonly tried: Map<string, string | null>[]
  /** Unique names found so far in any message, to stop once the cap is reached. */
  readonly found: Set<string>
}

function newRequestScan(): RequestScan {
  const tried = [0, 1, 2, 3].map(() => new Map<string, string | null>())
  return {
    chars: FILE_SCAN_LIMITS.textChars,
    lines: FILE_SCAN_LIMITS.lines,
    prose: FILE_SCAN_LIMITS.proseChars,
    tried,
    found: new Set(),
  }
}

/** One message's (or prompt's) unique names in order of first appearance, capped. */
/**
 * A copy that does not share memory with the prompt: V8 keeps a substring as a slice of its
 * parent, so one stored file name would pin the whole message text for as long as the decision
 * and the request log entry live (an open stream, the turn store).
 */
function ownCopy(name: string): string {
  return Buffer.from(name, 'utf16le').toString('utf16le')
}

class FileNameList {
  readonly names: string[] = []
  readonly scan: RequestScan
  private readonly seen = new Set<string>()

  constructor(scan: RequestScan) {
    this.scan = scan
  }

  get full(): boolean {
    return this.names.length >= FILE_SCAN_LIMITS.files
  }

  add(raw: string, strictness: Strictness): boolean {
    if (this.full) return false
    const tried = this.scan.tried[strictness.key]
    let name = tried.get(raw)
    if (name === undefined) {
      name = cleanFileName(raw, strictness)
      tried.set(raw, name)
    }
    if (name === null) return false
    if (!this.seen.has(name)) {
      this.seen.add(name)
      this.names.push(ownCopy(name))
      this.scan.found.add(name)
    }
    return true
  }

  /** Adds a name already judged a file (prose); false once the list is full. */
  addName(name: string): boolean {
    if (this.full) return false
    if (!this.seen.has(name)) {
      this.seen.add(name)
      this.names.push(name)
      this.scan.found.add(name)
    }
    return !this.full
  }
}

// ---- Tool names -------------------------------------------------------------------------------

/** Tools that act on one file: their `path` is a file even when it has no extension. */
const FILE_TOOL_RE = /read|write|edit|replace|apply|insert|create|patch|notebook/i
/** Tools whose `path` is a folder to list or search (Claude Code Glob/Grep/LS, Cline list_files). */
const DIR_TOOL_RE = /(?:^|[_.-])(?:ls|list|glob|grep|search|find|tree|dir)(?:$|[_.-])/i
const CAMEL_DIR_TOOL_RE = /^(?:list|search|find|glob|grep)[A-Z]/

function isDirectoryTool(name: string): boolean {
  if (name === '' || FILE_TOOL_RE.test(name)) return false
  return DIR_TOOL_RE.test(name) || CAMEL_DIR_TOOL_RE.test(name)
}

// ---- Chat text --------------------------------------------------------------------------------

const FENCE_RE = /^(`{3,}|~{3,})\s*(.*)$/
/** Cursor's ```12:15:path and a language glued to the path (```python:src/x.py). */
const LINE_RANGE_PREFIX_RE = /^\d+:\d+:/
const LANGUAGE_PREFIX_RE = /^[A-Za-z][\w+#-]*:(?![\\/])(.+)$/
const HEADING_RE = /^#{1,6}\s+/
const WHITESPACE_RE = /\s+/
/** `// Path: x`, `# filepath: x`, `File: x` — Copilot's code block comment and FIM snippet headers. */
const LABEL_RE =
  /^(?:(?:\/\/|#|--|;|%|\/\*+|\*|<!--)[ \t]*)?(?:file[ \t]?path|path|file[ \t]?name|file)[ \t]*:[ \t]*/i
const COMMENT_END_RE = /[ \t]*(?:\*\/|-->)$/
/** Tags whose `path`-like attribute names the file their body holds (Cline, Copilot, generic). */
const PATH_ATTR_TAG_RE =
  /^<(file_content|final_file_content|file|attachment)\b[^>]*?\s(?:path|filePath|file_path|filepath)="([^"]{1,512})"[^>]*?(\/?)>/
/**
 * Bodies never worth reading: written file content, diffs, and the client's ambient context
 * (Cline/Roo editor state with every open tab and workspace file, Claude Code's reminders).
 */
const SKIPPED_BODY_TAG_RE =
  /^<(content|diff|search|replace|environment_details|system-reminder)(?:\s[^>]*)?>/
/** Second characters of the tags readBlockTag knows, to skip its regexes on `<path>`, `</x>`. */
const BLOCK_TAG_SECOND_CHARS = 'facdsre|'
/** `<path>` elements (Cline/Roo/Kilo tool XML and Roo's `<files>` results) and the tags around them. */
const XML_RE =
  /<(path|file_path|target_file)>\s*([^<\n]{1,512}?)\s*<\/\1>|<(\/?)([a-z][\w-]{0,63})>/g
/** Cline/Roo tool result headers: [read_file for 'a.ts', 'b.ts'] Result: */
const TOOL_RESULT_RE = /^\[([a-z_]+) for ((?:'[^'\n]{1,512}'(?:,\s*)?)+)\] Result:/
const NON_BLANK_RE = /\S/g
const QUOTED_RE = /'([^'\n]{1,512})'/g
/** Repo-level context markers: Qwen `<|file_sep|>`, StarCoder2 `<file_sep>`, StarCoder `<filename>`. */
const FILE_MARKER_RE = /(?:<\|file_sep\|>|<file_sep>|<filename>)[ \t]*([^\n<]{1,512})/g
const LINE_FILE_MARKER_RE = /^(?:<\|file_sep\|>|<file_sep>|<filename>)[ \t]*([^\n<]{1,512})/
/** `@src/app.tsx`, `@/src/app.tsx`, Copilot's `#file:app.tsx`; never the middle of a word (e-mail). */
const MENTION_RE = /(?:^|[\s([{,;:>])(?:@|#file:)([^\s'"`<>|,;@]{2,512})/g
/** Copilot's attachments: context the client adds around the person's request, not their words. */
const HARNESS_TAG_RE = /^<(\/?)attachments?[\s>]/
/** Aider's first message after its few-shot examples; names before it belong to the examples. */
const AIDER_EXAMPLES_END = 'I switched to a new code base'

interface ScanState {
  readonly text: string
  readonly out: FileNameList
  /** Text contains aider repo-map rows (`⋮...`, `│code`), so bare path lines are listings. */
  readonly repoMap: boolean
  pos: number
  /** The previous non-empty line, trimmed: aider writes a path line right before a fence. */
  prev: string
  /** The innermost tool tag open, so `<path>` inside `<list_files>` (a folder) is ignored. */
  tool: string
  toolIsDirectory: boolean
  /** The text ended with a tool result header: the client's next text part is that output. */
  outputFollows: boolean
  /** The text is a person's (a user message), so sentences are read for file names too. */
  readonly prose: boolean
  /** Harness tags open around the current line (Copilot attachments); prose is not read inside. */
  harnessDepth: number
}

/**
 * Scans one message text (user or assistant) line by line, a user's also for names in prose.
 * Returns true when the text ends with a Cline/Roo tool result header, whose output is the
 * message's next text part.
 */
function scanChatText(text: string, out: FileNameList, prose: boolean): boolean {
  const repoMap = text.includes('\n⋮') || text.includes('\n│')
  const state: ScanState = {
    text,
    out,
    repoMap,
    pos: 0,
    prev: '',
    tool: '',
    toolIsDirectory: false,
    outputFollows: false,
    prose,
    harnessDepth: 0,
  }
  while (state.pos < text.length && !out.full && out.scan.lines > 0) {
    let eol = text.indexOf('\n', state.pos)
    if (eol < 0) eol = text.length
    let line = text.slice(state.pos, eol).trim()
    state.pos = eol + 1
    if (line === '') {
      state.prev = ''
      continue
    }
    const room = out.scan.lines * FILE_SCAN_LIMITS.lineChars
    if (line.length > room) line = line.slice(0, room)
    out.scan.lines -= 1 + Math.floor(line.length / FILE_SCAN_LIMITS.lineChars)
    if (!scanLine(state, line)) state.prev = ''
    else state.prev = line
  }
  return state.outputFollows
}

/** Reads one trimmed line; returns false when it opened a skipped body (fence, file content). */
function scanLine(state: ScanState, line: string): boolean {
  const first = line.charCodeAt(0)
  const short = line.length <= MAX_PATH_LINE
  if (first === 96 /* ` */ || first === 126 /* ~ */) {
    const fence = FENCE_RE.exec(line)
    // A backtick fence's info string never holds a backtick: ```x``` is inline code.
    if (fence && !(first === 96 && fence[2].includes('`'))) {
      readFence(state, fence[1], fence[2])
      return false
    }
  }
  if (
    first === 60 /* < */ &&
    BLOCK_TAG_SECOND_CHARS.includes(line[1]) &&
    readBlockTag(state, line)
  ) {
    return false
  }
  if (line.includes('<')) readXml(state, line)
  if (first === 91 /* [ */ && readToolResult(state, line)) {
    // Tool output (file contents, listings, command output) follows the header; like role
    // 'tool' messages it is not read.
    NON_BLANK_RE.lastIndex = state.pos
    state.outputFollows = !NON_BLANK_RE.test(state.text)
    state.pos = state.text.length
    return false
  }
  const prose = state.prose ? readProse(state, line, first) : NO_PROSE
  if (short && line.includes(':')) {
    const label = LABEL_RE.exec(line)
    if (label) state.out.add(line.slice(label[0].length).replace(COMMENT_END_RE, ''), LABELLED)
  }
  if (state.repoMap && short) readRepoMapLine(state, line)
  let next = 0 // prose names and mentions are added in the order they occur in the line
  if (line.includes('@') || line.includes('#file:')) {
    MENTION_RE.lastIndex = 0
    for (let m = MENTION_RE.exec(line); m !== null; m = MENTION_RE.exec(line)) {
      while (next < prose.length && prose[next]!.at < m.index)
        state.out.addName(prose[next++]!.name)
      state.out.add(m[1], MENTION)
    }
  }
  while (next < prose.length) state.out.addName(prose[next++]!.name)
  return true
}

interface ProseName {
  name: string
  at: number
}
const NO_PROSE: readonly ProseName[] = []

/** File names a person wrote in one line, within the request's prose budget, with positions. */
function readProse(state: ScanState, line: string, first: number): readonly ProseName[] {
  if (first === 60 /* < */) {
    const tag = HARNESS_TAG_RE.exec(line)
    if (tag) {
      const closesHere = tag[1] === '' && line.includes('</attachment')
      if (tag[1] === '/') state.harnessDepth = Math.max(0, state.harnessDepth - 1)
      else if (!closesHere) state.harnessDepth++
      return NO_PROSE
    }
  }
  if (state.harnessDepth > 0) return NO_PROSE
  if (state.repoMap && (first === 0x22ee || first === 0x2502)) return NO_PROSE // aider code rows
  const scan = state.out.scan
  if (scan.prose <= 0) return NO_PROSE
  let read = line
  if (line.length > scan.prose) {
    // Cut at a space, so that no name is read cut short.
    const space = line.lastIndexOf(' ', scan.prose)
    read = space > 0 ? line.slice(0, space) : ''
  }
  scan.prose = read === line ? scan.prose - line.length : 0
  const names: ProseName[] = []
  const room = FILE_SCAN_LIMITS.files - state.out.names.length
  readFileNamesInProse(read, (name, at) => names.push({ name, at }) < room)
  return names
}

function readFence(state: ScanState, run: string, info: string): void {
  const { text, out } = state
  // Aider: a line holding only a path, then the fence with that file's content.
  if (state.prev !== '' && state.prev.length <= MAX_PATH_LINE) {
    out.add(state.prev.replace(HEADING_RE, ''), PATH_TOKEN)
  }
  if (info !== '') readFenceInfo(info, out)
  const bodyStart = state.pos
  const bodyEnd = findFenceEnd(text, bodyStart, run)
  // Copilot's `// filepath: x` and aider's diff-fenced `path` + `<<<<<<< SEARCH` open the body.
  let eol = text.indexOf('\n', bodyStart)
  if (eol < 0 || eol > bodyEnd) eol = bodyEnd
  const firstLine = text.slice(bodyStart, eol).trim()
  if (firstLine.length <= MAX_PATH_LINE) {
    const label = LABEL_RE.exec(firstLine)
    if (label) {
      out.add(firstLine.slice(label[0].length).replace(COMMENT_END_RE, ''), LABELLED)
    } else if (text.startsWith('<<<<<<<', eol + 1)) {
      out.add(firstLine, PATH_TOKEN)
    }
  }
  state.pos = bodyEnd
}

/** ```ts src/app.tsx, ```src/app.tsx, ```typescript /src/App.tsx (5-10), ```python:src/x.py */
function readFenceInfo(info: string, out: FileNameList): void {
  for (const token of info.split(WHITESPACE_RE, 4)) {
    let candidate = token.replace(LINE_RANGE_PREFIX_RE, '')
    const glued = LANGUAGE_PREFIX_RE.exec(candidate)
    if (glued) candidate = glued[1]
    if (out.add(candidate, PATH_TOKEN)) return
  }
}

/**
 * Index just past the line that closes a fence, or the end of the text. A closing run may also
 * end a content line (aider appends it to files without a final newline).
 */
function findFenceEnd(text: string, from: number, run: string): number {
  const char = run.charCodeAt(0)
  let i = from
  for (;;) {
    const at = text.indexOf(run, i)
    if (at < 0) return text.length
    let end = at + run.length
    while (end < text.length && text.charCodeAt(end) === char) end++
    let rest = end
    while (rest < text.length && isBlank(text.charCodeAt(rest))) rest++
    if (rest === text.length) return rest
    if (text.charCodeAt(rest) === 10) return rest + 1
    i = end
  }
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13
}

/** `<file_content path="x">` and friends, plus bodies to skip; true when the body was skipped. */
function readBlockTag(state: ScanState, line: string): boolean {
  const withPath = PATH_ATTR_TAG_RE.exec(line)
  if (withPath) {
    state.out.add(decodeAttribute(withPath[2]), EXPLICIT)
    if (withPath[3] === '') return skipBody(state, line, withPath[1])
    return false
  }
  const body = SKIPPED_BODY_TAG_RE.exec(line)
  if (body) return skipBody(state, line, body[1])
  const marker = LINE_FILE_MARKER_RE.exec(line)
  if (marker) state.out.add(marker[1], EXPLICIT)
  return false
}

function skipBody(state: ScanState, line: string, tag: string): boolean {
  const close = `</${tag}>`
  if (line.includes(close)) return false
  const at = state.text.indexOf(close, state.pos)
  if (at < 0) {
    state.pos = state.text.length
  } else {
    const eol = state.text.indexOf('\n', at)
    state.pos = eol < 0 ? state.text.length : eol + 1
  }
  return true
}

function readXml(state: ScanState, line: string): void {
  XML_RE.lastIndex = 0
  for (let m = XML_RE.exec(line); m !== null; m = XML_RE.exec(line)) {
    if (m[2] !== undefined) {
      if (!state.toolIsDirectory) state.out.add(decodeAttribute(m[2]), EXPLICIT)
      continue
    }
    const name = m[4]
    if (m[3] === '/') {
      if (name === state.tool) {
        state.tool = ''
        state.toolIsDirectory = false
      }
    } else if (name !== state.tool && name !== 'path') {
      const isDirectory = isDirectoryTool(name)
      if (isDirectory || FILE_TOOL_RE.test(name)) {
        state.tool = name
        state.toolIsDirectory = isDirectory
      }
    }
  }
}

/** Reads a tool result header's file names; true when the line is a result header at all. */
function readToolResult(state: ScanState, line: string): boolean {
  const m = TOOL_RESULT_RE.exec(line)
  if (!m) return false
  // Only file tools: `[execute_command for 'npm test']` quotes a command, not a path.
  if (!FILE_TOOL_RE.test(m[1]) || isDirectoryTool(m[1])) return true
  QUOTED_RE.lastIndex = 0
  for (let q = QUOTED_RE.exec(m[2]); q !== null; q = QUOTED_RE.exec(m[2])) {
    state.out.add(q[1], EXPLICIT)
  }
  return true
}

/** Aider repo map: `path:` above `⋮...`/`│code` rows, or a bare path for a file without symbols. */
function readRepoMapLine(state: ScanState, line: string): void {
  const first = line.charCodeAt(0)
  if (first === 0x22ee || first === 0x2502) return // ⋮ or │: code rows
  if (SPACE_RE.test(line)) return
  if (line.endsWith(':')) {
    const next = state.text.charCodeAt(state.pos)
    if (next === 0x22ee || next === 0x2502) state.out.add(line.slice(0, -1), PATH_TOKEN)
    return
  }
  state.out.add(line, LABELLED)
}

const ENTITY_RE = /&(amp|lt|gt|quot|apos);/g
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeAttribute(value: string): string {
  return value.includes('&') ? value.replace(ENTITY_RE, (_, e: string) => ENTITIES[e] ?? _) : value
}

// ---- Tool calls -------------------------------------------------------------------------------

/** Argument keys naming one file (Claude Code, Cline/Roo native, Continue, Gemini CLI, Cursor). */
const FILE_KEYS = new Set([
  'path',
  'file_path',
  'filePath',
  'filepath',
  'notebook_path',
  'absolute_path',
  'target_file',
])
/** Argument keys holding several files: strings or `{ path }` objects (Roo's read_file). */
const FILE_LIST_KEYS = new Set(['paths', 'files', 'file_paths'])
/** The same keys found in raw, possibly truncated or invalid, JSON. */
const RAW_FILE_KEY_RE =
  /"(path|file_path|filePath|filepath|notebook_path|absolute_path|target_file)"\s*:\s*"((?:[^"\\\n]|\\.){1,1024})"/g
const MAX_ARGUMENT_DEPTH = 3
const MAX_ARGUMENT_ENTRIES = 64

function scanToolCalls(calls: unknown, out: FileNameList): void {
  if (!Array.isArray(calls)) return
  for (const call of calls.slice(0, FILE_SCAN_LIMITS.toolCalls)) {
    const fn = (call as { function?: { name?: unknown; arguments?: unknown } } | null)?.function
    if (!fn) continue
    const name = typeof fn.name === 'string' ? fn.name : ''
    const args = fn.arguments
    if (typeof args === 'string') {
      const taken = Math.min(args.length, FILE_SCAN_LIMITS.argumentChars, out.scan.chars)
      if (taken <= 0) return
      out.scan.chars -= taken
      scanArgumentText(args, taken, name, out)
    } else if (typeof args === 'object' && args !== null) scanArgumentValue(args, name, out, 0)
  }
}

function scanArgumentText(args: string, taken: number, tool: string, out: FileNameList): void {
  if (taken === args.length) {
    const parsed = parseJson(args)
    if (parsed !== undefined) {
      scanArgumentValue(parsed, tool, out, 0)
      return
    }
  }
  // Too large (a Write with the whole file) or not JSON: pick the path keys out of the raw text.
  const head = args.slice(0, taken)
  for (const m of head.matchAll(RAW_FILE_KEY_RE)) {
    if (m[1] === 'path' && isDirectoryTool(tool)) continue
    const value = parseJson(`"${m[2]}"`)
    if (typeof value === 'string') out.add(value, EXPLICIT)
  }
}

function scanArgumentValue(value: unknown, tool: string, out: FileNameList, depth: number): void {
  if (depth > MAX_ARGUMENT_DEPTH || typeof value !== 'object' || value === null) return
  if (Array.isArray(value)) {
    for (const item of value.slice(0, MAX_ARGUMENT_ENTRIES)) {
      scanArgumentValue(item, tool, out, depth + 1)
    }
    return
  }
  let seen = 0
  for (const key in value) {
    if (++seen > MAX_ARGUMENT_ENTRIES) return
    const v = (value as Record<string, unknown>)[key]
    if (typeof v === 'string') {
      if (FILE_KEYS.has(key) && !(key === 'path' && isDirectoryTool(tool))) out.add(v, EXPLICIT)
    } else if (FILE_LIST_KEYS.has(key) && Array.isArray(v)) {
      for (const item of v.slice(0, MAX_ARGUMENT_ENTRIES)) {
        if (typeof item === 'string') out.add(item, EXPLICIT)
        else scanArgumentValue(item, tool, out, depth + 1)
      }
    } else {
      scanArgumentValue(v, tool, out, depth + 1)
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

// ---- Legacy completion prompts ----------------------------------------------------------------

/** Lines of a header comment looked at, from the prompt's start and after a FIM prefix token. */
const HEADER_LINES = 2
const FIM_PREFIX_TOKENS = ['<|fim_prefix|>', '<fim_prefix>', '<PRE>', '[PREFIX]', '<｜fim▁begin｜>']
/** `// Path: x` anywhere: Continue and Copilot-style clients head context snippets this way. */
const PROMPT_LABEL_RE =
  /^[ \t]*(?:\/\/|#|--|;|%|\/\*+|\*|<!--)[ \t]*(?:file[ \t]?path|path|file[ \t]?name|file)[ \t]*:[ \t]*([^\s]{1,512})/gim
/** A comment that is only a path: `# src/x.py`, `// app.ts`, `<!-- index.html -->`. */
const HEADER_COMMENT_RE = /^(?:\/\/|#|--|;|%|\/\*+|<!--)[ \t]*(\S{1,512}?)[ \t]*(?:\*\/|-->)?$/

/** Scans a legacy completion prompt: markers and labels anywhere, a bare path comment at the top. */
function scanCompletionPrompt(prompt: string, out: FileNameList): void {
  const text = prompt.slice(0, FILE_SCAN_LIMITS.promptChars)
  const found: [number, string, Strictness][] = []
  for (const m of text.matchAll(FILE_MARKER_RE)) found.push([m.index, m[1], EXPLICIT])
  for (const m of text.matchAll(PROMPT_LABEL_RE)) found.push([m.index, m[1], LABELLED])
  readHeaderComment(text, 0, found)
  for (const token of FIM_PREFIX_TOKENS) {
    const at = text.indexOf(token)
    if (at >= 0) readHeaderComment(text, at + token.length, found)
  }
  found.sort((a, b) => a[0] - b[0])
  for (const [, raw, strictness] of found) out.add(raw, strictness)
}

function readHeaderComment(text: string, from: number, found: [number, string, Strictness][]) {
  let pos = from
  for (let seen = 0; seen < HEADER_LINES && pos < text.length;) {
    let eol = text.indexOf('\n', pos)
    if (eol < 0) eol = text.length
    const line = text.slice(pos, Math.min(eol, pos + MAX_PATH_LINE)).trim()
    const start = pos
    pos = eol + 1
    if (line === '') continue
    seen++
    // A label right after a FIM token (`<|fim_prefix|>// Path: x`) escapes PROMPT_LABEL_RE's `^`.
    const label = LABEL_RE.exec(line)
    if (label) {
      found.push([start, line.slice(label[0].length).replace(COMMENT_END_RE, ''), LABELLED])
      continue
    }
    const m = HEADER_COMMENT_RE.exec(line)
    if (m) found.push([start, m[1], MENTION])
  }
}

// ---- Entry point ------------------------------------------------------------------------------

/**
 * Returns the file paths a request mentions, unique, in order of appearance, as written (trimmed,
 * without quotes, backticks, `@` or line ranges), at most `FILE_SCAN_LIMITS.files` (the newest). Read
 * from user and assistant messages (fences with a path, Cline/Roo/Kilo tags and tool XML, aider
 * file listings and repo maps, `@`/`#file:` mentions, `// Path:` comments), paths and file names
 * a person writes in a user message's sentences (`Fix src/App.tsx`), assistant tool-call
 * arguments, and a legacy completion prompt's header. System prompts (tool examples), tool results
 * (`role: 'tool'` and the output after a Cline/Roo `[tool for 'x'] Result:` header: file contents,
 * listings), tool definitions and `suffix` (the same file's tail) are not read.
 */
export function extractFileNames(req: {
  messages?: OpenAIMessage[]
  tools?: unknown
  prompt?: unknown
  suffix?: unknown
}): string[] {
  const scan = newRequestScan()
  const lists = Array.isArray(req.messages) ? scanMessages(req.messages, scan) : []
  const prompts = typeof req.prompt === 'string' ? [req.prompt] : req.prompt
  if (Array.isArray(prompts)) {
    const out = new FileNameList(scan)
    for (const p of prompts.slice(0, FILE_SCAN_LIMITS.prompts))
      if (typeof p === 'string') scanCompletionPrompt(p, out)
    lists.push(out.names)
  }
  return mergeNames(lists)
}

/** Joins per-message lists (oldest first) without duplicates, keeping the newest names at the cap. */
function mergeNames(lists: readonly string[][]): string[] {
  if (lists.length === 1) return lists[0]
  const names = [...new Set(lists.flat())]
  return names.length > FILE_SCAN_LIMITS.files ? names.slice(-FILE_SCAN_LIMITS.files) : names
}

/**
 * Scans messages newest first, so the budgets go to the current turn, and returns one name list
 * per message, oldest first.
 */
function scanMessages(messages: readonly unknown[], scan: RequestScan): string[][] {
  const lists: string[][] = []
  const oldest = Math.max(0, messages.length - FILE_SCAN_LIMITS.messages)
  for (let i = messages.length - 1; i >= oldest; i--) {
    if (scan.chars <= 0 || scan.lines <= 0 || scan.found.size >= FILE_SCAN_LIMITS.files) break
    const m = messages[i] as { role?: unknown; content?: unknown; tool_calls?: unknown } | null
    if (!m || (m.role !== 'user' && m.role !== 'assistant')) continue
    const texts: string[] = []
    for (const text of textsOf(m.content)) {
      if (scan.chars <= 0) break
      const taken = text.length > scan.chars ? text.slice(0, scan.chars) : text
      scan.chars -= taken.length
      texts.push(taken)
    }
    // Everything before this message is aider's few-shot examples, not the user's files.
    if (m.role === 'user' && texts[0]?.trimStart().startsWith(AIDER_EXAMPLES_END)) break
    const out = new FileNameList(scan)
    let toolOutput = false // the part after a tool result header is that tool's output
    const prose = m.role === 'user'
    for (const text of texts) toolOutput = toolOutput ? false : scanChatText(text, out, prose)
    if (m.role === 'assistant') scanToolCalls(m.tool_calls, out)
    lists.push(out.names)
  }
  return lists.reverse()
}

function textsOf(content: unknown): string[] {
  if (typeof content === 'string') return [content]
  if (!Array.isArray(content)) return []
  const texts: string[] = []
  for (const part of content as unknown[]) {
    const p = part as { type?: unknown; text?: unknown } | null
    if (p && p.type === 'text' && typeof p.text === 'string') texts.push(p.text)
  }
  return texts
}
