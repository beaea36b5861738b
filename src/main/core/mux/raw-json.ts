import { isUtf8 } from 'node:buffer'

// A request body as the client sent it, with where each top-level member's value sits, so a body
// that goes upstream with only a few top-level members changed (the model, the stream options) is
// spliced, not serialised again: the same bytes as a bare pass-through, for the cost of a copy.
// It is spliced as bytes: the received ones are copied and only the new values encoded, where
// encoding the whole text again cost ~1-2 ns a character once it held any character past
// Latin-1 (a real Claude Code turn of 49 KB: 70-110 µs).

/** A JSON body's text and the span of each top-level member's value. */
export interface RawJson {
  text: string
  /** The bytes `text` was decoded from, when known. */
  bytes: Buffer | null
  /** Offset just after the top-level object's `{`. */
  open: number
  /** Top-level member → [start, end) of its value; null when not an object or a key repeats. */
  members: Map<string, [number, number]> | null
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/**
 * Walks the JSON text once: whether arrays and objects nest deeper than `depthLimit`, and the
 * top-level members' value spans. Strings are skipped with indexOf, so the cost is per string and
 * per bracket, not per byte.
 */
export function scanJson(
  json: string,
  depthLimit: number,
  bytes: Buffer | null = null,
): { tooDeep: boolean; raw: RawJson } {
  let depth = 0
  let members: Map<string, [number, number]> | null = null
  let open = -1
  let expectKey = false
  let key = ''
  let valueStart = -1
  const record = (end: number) => {
    if (!members || valueStart < 0) return
    let to = end
    while (to > valueStart && isSpace(json.charCodeAt(to - 1))) to--
    if (members.has(key)) members = null
    else members.set(key, [valueStart, to])
    valueStart = -1
  }
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c === QUOTE) {
      const start = i
      // The closing quote is the next one not escaped by an odd run of backslashes.
      for (;;) {
        i = json.indexOf('"', i + 1)
        if (i < 0) return { tooDeep: false, raw: { text: json, bytes, open, members: null } }
        let slashes = 0
        while (json.charCodeAt(i - 1 - slashes) === BACKSLASH) slashes++
        if (slashes % 2 === 0) break
      }
      if (depth === 1 && expectKey) {
        key = readKey(json, start, i + 1)
        expectKey = false
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > depthLimit)
        return { tooDeep: true, raw: { text: json, bytes, open, members: null } }
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
        while (isSpace(json.charCodeAt(valueStart))) valueStart++
      } else if (c === 0x2c /* , */) {
        record(i)
        expectKey = true
      }
    }
  }
  return { tooDeep: false, raw: { text: json, bytes, open, members: open < 0 ? null : members } }
}

function readKey(json: string, from: number, to: number): string {
  const quoted = json.slice(from, to)
  return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1)
}

/**
 * `next` as JSON bytes, spliced from `raw` (the body `source` was parsed from): values of changed
 * top-level members replaced, new ones put first. Null when a member was removed or the raw spans
 * are unknown, so the caller serialises `next` instead.
 */
export function spliceJson(
  raw: RawJson,
  source: Record<string, unknown>,
  next: Record<string, unknown>,
): Buffer | null {
  const { members, text, open } = raw
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
  // Unknown bytes, or bytes that did not decode losslessly: the text is encoded once instead.
  const bytes = exactBytes(raw) ?? Buffer.from(text)
  if (replaced.length === 0 && added.length === 0) return bytes
  replaced.sort((a, b) => a[0] - b[0])
  const prefix = added.length > 0 ? added.join(',') + (members.size > 0 ? ',' : '') : ''
  const byteOffset = byteOffsets(text, bytes)
  const parts: Buffer[] = []
  let from = byteOffset(open)
  parts.push(bytes.subarray(0, from), Buffer.from(prefix))
  for (let i = 0; i < replaced.length; i++) {
    const start = byteOffset(replaced[i]![0])
    parts.push(bytes.subarray(from, start), Buffer.from(replaced[i]![2]))
    from = byteOffset(replaced[i]![1])
  }
  parts.push(bytes.subarray(from))
  return Buffer.concat(parts)
}

/** The bytes of a top-level member's value as received, or null when they are not known. */
export function memberBytes(raw: RawJson, name: string): Buffer | null {
  const span = raw.members?.get(name)
  const bytes = span && exactBytes(raw)
  if (!span || !bytes) return null
  const byteOffset = byteOffsets(raw.text, bytes)
  return bytes.subarray(byteOffset(span[0]), byteOffset(span[1]))
}

/**
 * The received bytes when `text` maps back onto them exactly: null when unknown, or when decoding
 * them replaced something that was not UTF-8 (the offsets would no longer line up).
 */
function exactBytes({ text, bytes }: RawJson): Buffer | null {
  if (!bytes) return null
  return bytes.length === text.length || isUtf8(bytes) ? bytes : null
}

/**
 * Maps character offsets of `text` to byte offsets in `bytes`, its UTF-8 encoding, counting from
 * whichever end is nearer: the members a proxy changes sit near the start (`model`) or the end.
 */
function byteOffsets(text: string, bytes: Buffer): (char: number) => number {
  // One byte per character: only ASCII (or one lossless byte per unit) decodes to equal lengths.
  if (bytes.length === text.length) return (char) => char
  return (char) =>
    char < text.length / 2
      ? Buffer.byteLength(text.slice(0, char))
      : bytes.length - Buffer.byteLength(text.slice(char))
}
