// Incremental newline-delimited JSON (Ollama's streaming format). The caller decodes bytes to text
// (TextDecoder with `stream: true`, so a multi-byte character split across reads stays whole);
// this splits lines wherever the text chunks happen to break.

export interface NdjsonParser {
  /** Adds text; returns the objects of every line completed by it. */
  push(text: string): unknown[]
  /** Flushes a last line that had no trailing newline. */
  end(): unknown[]
}

/** Creates a parser that turns text chunks into parsed JSON values, one per non-blank line. */
export function createNdjsonParser(): NdjsonParser {
  let pending = ''
  let lineNumber = 0

  const parseLine = (line: string, out: unknown[]): void => {
    lineNumber += 1
    if (line.trim() === '') return
    try {
      out.push(JSON.parse(line))
    } catch (err) {
      const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line
      const reason = err instanceof Error ? err.message : String(err)
      throw new Error(`Malformed NDJSON at line ${lineNumber}: ${reason}. Line: ${shown}`, {
        cause: err,
      })
    }
  }

  return {
    push(text) {
      // Fast path: no newline means no complete line; avoids re-scanning a long pending line.
      if (!text.includes('\n')) {
        pending += text
        return []
      }
      const lines = (pending + text).split('\n')
      pending = lines.pop() ?? ''
      const out: unknown[] = []
      for (const line of lines) parseLine(line, out)
      return out
    },
    end() {
      const last = pending
      pending = ''
      const out: unknown[] = []
      parseLine(last, out)
      return out
    },
  }
}
