// Building blocks of the dialects' body checks: each looks at one field, and the first problem
// throws a BodyIssue naming the field's path and saying what to send. Only the fields a dialect
// reads or translates are checked; everything else passes through untouched.
//
// Plain functions, not a schema library, on purpose: these run on every proxied request, and a
// generic validator shared with the management API's many schemas measured 5x slower there than
// alone (its call sites see every schema's shapes), ~14% of the proxy's CPU per request.

/** The first problem found in a request body: where it is (`messages[0].content`) and what to send. */
export class BodyIssue {
  readonly path: string
  readonly message: string
  constructor(path: string, message: string) {
    this.path = path
    this.message = message
  }
}

export function issue(path: string, message: string): never {
  throw new BodyIssue(path, message)
}

export const at = (path: string, key: string): string => (path ? `${path}.${key}` : key)

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

export function optionalString(v: unknown, path: string, message: string): void {
  if (v !== undefined && typeof v !== 'string') issue(path, message)
}

export function nullishString(v: unknown, path: string, message: string): void {
  if (v != null && typeof v !== 'string') issue(path, message)
}

export function requiredString(v: unknown, path: string, message: string): void {
  if (typeof v !== 'string') issue(path, message)
}

export function nullishNumber(v: unknown, path: string): void {
  if (v != null && typeof v !== 'number') issue(path, 'expected a number')
}

export function nullishBoolean(v: unknown, path: string): void {
  if (v != null && typeof v !== 'boolean') issue(path, 'expected true or false')
}

/** `max_tokens` and the like: a whole number, 0 or more, when present. */
export function tokenCount(v: unknown, path: string): void {
  if (v == null) return
  if (typeof v !== 'number' || !Number.isInteger(v))
    issue(path, 'expected a whole number of tokens')
  if (v < 0) issue(path, 'expected a whole number of tokens, 0 or more')
}

/** `stop`: a string or an array of strings, when present. */
export function stopStrings(v: unknown, path: string): void {
  if (v == null || typeof v === 'string') return
  if (!isStringArray(v)) issue(path, 'expected a string or an array of strings')
}

export function isStringArray(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false
  return true
}

/** An object (`what` says which, e.g. 'an object such as {"type": "auto"}'), when present. */
export function nullishObject(v: unknown, path: string, what: string): void {
  if (v != null && !isObject(v)) issue(path, `expected ${what}`)
}

export function optionalObject(v: unknown, path: string, what: string): void {
  if (v !== undefined && !isObject(v)) issue(path, `expected ${what}`)
}

/** An array, each element through `check`, when present. */
export function nullishArray(
  v: unknown,
  path: string,
  message: string,
  check: (item: unknown, path: string) => void,
): void {
  if (v == null) return
  if (!Array.isArray(v)) issue(path, message)
  eachOf(v, path, check)
}

/** `tool_choice` and the like: a string or an object, when present. */
export function nullishStringOrObject(v: unknown, path: string, message: string): void {
  if (v != null && typeof v !== 'string' && !isObject(v)) issue(path, message)
}

/** `model`, which every dialect may name. */
export function model(body: Record<string, unknown>): void {
  optionalString(body.model, 'model', 'expected a model name such as "switchboard"')
}

/** A non-empty `messages` array (chat and Anthropic), each message through `check`. */
export function messages(
  body: Record<string, unknown>,
  check: (message: unknown, path: string) => void,
): void {
  const list = body.messages
  if (!Array.isArray(list) || list.length === 0)
    issue('messages', 'expected a non-empty array of {role, content} messages')
  eachOf(list, 'messages', check)
}

/** Each element of an array through `check`, with its index in the path. */
export function eachOf(
  items: readonly unknown[],
  path: string,
  check: (item: unknown, path: string) => void,
): void {
  for (let i = 0; i < items.length; i++) check(items[i], `${path}[${i}]`)
}

/**
 * An object told apart by its `type`: known types are checked by their check, unknown ones pass
 * through (wire formats grow new block types) unless `strict`. `error` says what to send.
 */
export function byType(
  known: Record<string, (value: Record<string, unknown>, path: string) => void>,
  error: string,
  options: { defaultType?: string; strict?: boolean } = {},
): (value: unknown, path: string) => void {
  return (value, path) => {
    if (!isObject(value)) return issue(path, error)
    const type = value.type ?? options.defaultType
    if (typeof type !== 'string') return issue(at(path, 'type'), error)
    const check = Object.hasOwn(known, type) ? known[type] : undefined
    if (check) check(value, path)
    else if (options.strict) issue(at(path, 'type'), error)
  }
}
