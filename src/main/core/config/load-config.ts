import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { fieldPath, SwitchboardError } from '../../../shared/errors.ts'
import { ConfigFile } from './config-schema.ts'

/** One problem in a config file, where it is and what to do about it. */
export interface ConfigIssue {
  line: number
  column: number
  path: string
  message: string
}

/** A config file that cannot be used; the message lists every issue as `file:line:col path: message`. */
export class ConfigError extends SwitchboardError {
  readonly issues: ConfigIssue[]
  constructor(file: string, issues: ConfigIssue[]) {
    super('invalid_request', issues.map((i) => formatIssue(file, i)).join('\n'), {
      details: issues,
    })
    this.issues = issues
  }
}

export interface LoadedConfig {
  /** The file as the user named it (messages use it). */
  file: string
  config: ConfigFile
  /** Changes whenever the text does (the watcher skips saves that change nothing). */
  hash: string
  /** Where a field of the file is, for errors found while applying it. */
  locate(path: readonly PropertyKey[]): { line: number; column: number }
}

type Env = Record<string, string | undefined>

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/

export function formatIssue(file: string, issue: ConfigIssue): string {
  return `${file}:${issue.line}:${issue.column} ${issue.path || '(file)'}: ${issue.message}`
}

/** Reads, parses (YAML or JSON), resolves `${ENV}` references and validates a config file. */
export function loadConfigFile(file: string, env: Env = process.env): LoadedConfig {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new SwitchboardError(
      'invalid_request',
      `Cannot read the config file ${file}: ${(err as Error).message}`,
    )
  }
  return parseConfigText(text, file, env)
}

/** Parses and validates config text; throws ConfigError naming file, line and field. */
export function parseConfigText(text: string, file: string, env: Env = process.env): LoadedConfig {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true })
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        line: e.linePos?.[0].line ?? 1,
        column: e.linePos?.[0].col ?? 1,
        path: '',
        message: e.message.split('\n')[0]!,
      })),
    )
  }
  const locate = (path: readonly PropertyKey[]) => locateIn(doc, lineCounter, path)
  const issue = (path: readonly PropertyKey[], message: string): ConfigIssue => ({
    ...locate(path),
    path: fieldPath(path),
    message,
  })

  const issues: ConfigIssue[] = []
  const raw = resolveEnv(doc.toJS() ?? {}, [], env, (path, message) =>
    issues.push(issue(path, message)),
  )
  if (issues.length) throw new ConfigError(file, issues)

  const parsed = ConfigFile.safeParse(raw)
  if (!parsed.success) throw new ConfigError(file, zodIssues(parsed.error, issue))
  const duplicates = findDuplicates(parsed.data).map(([path, message]) => issue(path, message))
  if (duplicates.length) throw new ConfigError(file, duplicates)
  const hash = createHash('sha256').update(text).update(JSON.stringify(raw)).digest('hex')
  return { file, config: parsed.data, hash, locate }
}

/** The environment variable a provider's key is read from in exported files: OPENAI_API_KEY. */
export function apiKeyVariable(providerId: string): string {
  return `${providerId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_API_KEY`
}

const isReference = (v: unknown) => typeof v === 'string' && WHOLE_REFERENCE.test(v)

/** Replaces `${NAME}` in every string; an apiKey must be nothing but such a reference. */
function resolveEnv(
  value: unknown,
  path: PropertyKey[],
  env: Env,
  report: (path: PropertyKey[], message: string) => void,
): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolveEnv(v, [...path, i], env, report))
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>
    if ('apiKey' in object && !isReference(object.apiKey)) {
      const name = apiKeyVariable(typeof object.id === 'string' ? object.id : 'provider')
      report(
        [...path, 'apiKey'],
        `write the key as an environment variable reference such as \${${name}} and set that variable; a key is never written in this file`,
      )
      return value
    }
    return Object.fromEntries(
      Object.entries(object).map(([k, v]) => [k, resolveEnv(v, [...path, k], env, report)]),
    )
  }
  if (typeof value !== 'string') return value
  return value.replace(ENV_REFERENCE, (_, name: string) => {
    const resolved = env[name]
    if (resolved === undefined || resolved === '') {
      report(
        path,
        `the environment variable ${name} is not set; set it before starting Switchboard`,
      )
      return ''
    }
    return resolved
  })
}

function zodIssues(
  error: z.ZodError,
  issue: (path: readonly PropertyKey[], message: string) => ConfigIssue,
): ConfigIssue[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => issue([...i.path, key], `unknown field "${key}" (check its spelling)`))
      : [issue(i.path, i.message)],
  )
}

/** Two objects of one kind with the same id or name: the second would silently replace the first. */
function findDuplicates(config: ConfigFile): [PropertyKey[], string][] {
  const found: [PropertyKey[], string][] = []
  const check = <T>(list: T[], section: string, key: (item: T) => string, field: string) => {
    const seen = new Set<string>()
    list.forEach((item, i) => {
      const k = key(item).toLowerCase()
      if (seen.has(k)) found.push([[section, i, field], `"${key(item)}" is declared twice`])
      seen.add(k)
    })
  }
  check(config.providers, 'providers', (p) => p.id, 'id')
  check(config.personas, 'personas', (p) => p.id, 'id')
  check(config.personas, 'personas', (p) => p.name, 'name')
  check(config.modelGroups, 'modelGroups', (g) => g.id, 'id')
  check(config.workspaces, 'workspaces', (w) => w.name, 'name')
  return found
}

/** The line and column of the deepest part of `path` the document has: a field's key, or a list item. */
function locateIn(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): { line: number; column: number } {
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  for (let depth = path.length; depth >= 0; depth--) {
    const parent = depth <= 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true)
    const key = path[depth - 1]
    if (depth > 0 && typeof key === 'string' && isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key)
      if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0])
      continue
    }
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
    if (isNode(node) && node.range) return at(node.range[0])
  }
  return { line: 1, column: 1 }
}
