// Server-Sent Events, both ways, for every streaming upstream. The parser follows the WHATWG
// event-stream rules that matter to LLM APIs and is incremental: text may be cut anywhere,
// including between the \r and \n of one line ending.

export interface SseEvent {
  event?: string
  data: string
}

export interface SseParser {
  push(text: string): SseEvent[]
  end(): SseEvent[]
}

const LF = 10

/** Creates an incremental SSE parser; feed it decoded text, collect the complete events. */
export function createSseParser(): SseParser {
  let partial = '' // an unterminated line carried over from the previous push
  let skipLeadingLf = false // the last push ended in \r: a \n opening the next push belongs to it
  let atStreamStart = true
  let dataLines: string[] = []
  let eventName: string | undefined

  function dispatch(out: SseEvent[]): void {
    if (dataLines.length > 0) {
      const data = dataLines.length === 1 ? dataLines[0]! : dataLines.join('\n')
      out.push(eventName === undefined ? { data } : { event: eventName, data })
    }
    dataLines = []
    eventName = undefined
  }

  function handleLine(line: string, out: SseEvent[]): void {
    if (line.length === 0) return dispatch(out)
    const colon = line.indexOf(':')
    if (colon === 0) return // comment, e.g. a keep-alive ": ping"
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.charCodeAt(0) === 32) value = value.slice(1)
    if (field === 'data') dataLines.push(value)
    else if (field === 'event') eventName = value
    // id and retry only matter to a reconnecting browser client; nothing here reconnects.
  }

  function push(text: string): SseEvent[] {
    const out: SseEvent[] = []
    if (text.length === 0) return out
    let start = 0
    if (skipLeadingLf) {
      skipLeadingLf = false
      if (text.charCodeAt(0) === LF) start = 1
    }
    if (atStreamStart && start < text.length) {
      atStreamStart = false
      if (text.charCodeAt(start) === 0xfeff) start++
    }
    // Positions of the next \n and \r are cached so each character is scanned once per push.
    let nextLf = text.indexOf('\n', start)
    let nextCr = text.indexOf('\r', start)
    while (nextLf !== -1 || nextCr !== -1) {
      const isCr = nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)
      const end = isCr ? nextCr : nextLf
      let line = text.slice(start, end)
      if (partial.length > 0) {
        line = partial + line
        partial = ''
      }
      handleLine(line, out)
      start = end + 1
      if (isCr) {
        if (start === text.length) skipLeadingLf = true
        else if (text.charCodeAt(start) === LF) start++
      }
      if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start)
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start)
    }
    if (start < text.length) partial += text.slice(start)
    return out
  }

  function end(): SseEvent[] {
    const out: SseEvent[] = []
    // Lenient on purpose: servers often close right after a last `data:` line without the blank
    // line, and dropping that event (the strict reading) would lose e.g. a final usage chunk.
    if (partial.length > 0) handleLine(partial, out)
    partial = ''
    dispatch(out)
    skipLeadingLf = false
    return out
  }

  return { push, end }
}

/** Serialises one SSE event; multi-line data becomes several `data:` lines. */
export function formatSse(data: string, event?: string): string {
  const head = event === undefined ? '' : `event: ${event}\n`
  // JSON.stringify never emits raw line breaks, so the common case skips the split.
  if (data.indexOf('\n') === -1 && data.indexOf('\r') === -1) return `${head}data: ${data}\n\n`
  return `${head}data: ${data.split(/\r\n|\r|\n/).join('\ndata: ')}\n\n`
}
