// A request body as the client sent its bytes, with where each top-level member's value sits, so
// a body that goes upstream with only a few top-level members changed (the model, the stream
// options) is spliced, not serialised again: the same bytes as a bare pass-through, at a cost
// that does not grow with the prompt.

/** A JSON body's bytes and the byte span of each top-level member's value. */
export interface RawJson {
  bytes: Buffer
  /** Byte offset just after the top-level object's `{`. */
  open: number
  /** Top-level member → [start, end) of its value; null when not an object or a key repeats. */
  members: Map<string, [number, number]> | null
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/**
 * Walks the JSON text once: whether arrays and objects nest deeper than `depthLimit`, and the
 * top-level members' value spans. Strings are skipped with indexOf, so the cost is per string and
 * per bracket, not per byte.
 */
export function scanJson(json: Buffer, depthLimit: number): { tooDeep: boolean; raw: RawJson } {
  let depth = 0
  let members: Map<string, [number, number]> | null = null
  let open = -1
  let expectKey = false
  let key = ''
  let valueStart = -1
  const record = (end: number) => {
    if (!members || valueStart < 0) return
    let to = end
    while (to > valueStart && isSpace(json[to - 1])) to--
    if (members.has(key)) members = null
    else members.set(key, [valueStart, to])
    valueStart = -1
  }
  for (let i = 0; i < json.length; i++) {
    const c = json[i]
    if (c === QUOTE) {
      const start = i
      // The closing quote is the next one not escaped by an odd run of backslashes.
      for (;;) {
        i = json.indexOf(QUOTE, i + 1)
        if (i < 0) return { tooDeep: false, raw: { bytes: json, open, members: null } }
        let slashes = 0
        while (json[i - 1 - slashes] === BACKSLASH) slashes++
        if (slashes % 2 === 0) break
      }
      if (depth === 1 && expectKey) {
        key = readKey(json, start, i + 1)
        expectKey = false
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > depthLimit) return { tooDeep: true, raw: { bytes: json, open, members: null } }
      if (depth === 1 && c === 0x7b && open < 0) {
        open = i + 1
        members = new Map()
        expectKey = true
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth === 1) record(i)
      depth--
    } else if (depth === 1) {
      if (c === 0x3a /* : */) {
        valueStart = i + 1
        while (isSpace(json[valueStart])) valueStart++
      } else if (c === 0x2c /* , */) {
        record(i)
        expectKey = true
      }
    }
  }
  return { tooDeep: false, raw: { bytes: json, open, members: open < 0 ? null : members } }
}

function readKey(json: Buffer, from: number, to: number): string {
  const quoted = json.toString('utf8', from, to)
  return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1)
}

/**
 * `next` as JSON bytes, spliced from `raw` (the bytes `source` was parsed from): values of
 * changed top-level members replaced, new ones put first. Null when a member was removed or the
 * raw spans are unknown, so the caller serialises `next` instead.
 */
export function spliceJson(
  raw: RawJson,
  source: Record<string, unknown>,
  next: Record<string, unknown>,
): Buffer | null {
  const { members, bytes, open } = raw
  if (!members) return null
  for (const name in source) if (!(name in next)) return null
  const replaced: [number, number, string][] = []
  const added: string[] = []
  for (const name in next) {
    const value = next[name]
    if (value === source[name] && members.has(name)) continue
    if (value === undefined) return null
    const span = members.get(name)
    if (span) replaced.push([span[0], span[1], JSON.stringify(value)])
    else added.push(`${JSON.stringify(name)}:${JSON.stringify(value)}`)
  }
  if (replaced.length === 0 && added.length === 0) return bytes
  replaced.sort((a, b) => a[0] - b[0])
  const parts: Buffer[] = [bytes.subarray(0, open)]
  if (added.length > 0) parts.push(Buffer.from(added.join(',') + (members.size > 0 ? ',' : '')))
  let at = open
  for (const [start, end, text] of replaced) {
    parts.push(bytes.subarray(at, start), Buffer.from(text))
    at = end
  }
  parts.push(bytes.subarray(at))
  return Buffer.concat(parts)
}
