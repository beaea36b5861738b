import { memberBytes } from './raw-json.ts'
import type { InboundRequest } from './inbound.ts'

// Agents send the same tool definitions with every request of a session (Claude Code: ~30 KB of
// them). A request translated for a chat upstream had them serialised again each time, the
// largest step of planning it. The JSON of the translated tools is kept for the last few distinct
// lists, keyed by the bytes the client sent them as: each dialect's translation of its tools
// reads nothing else.

const MAX_LISTS = 8
/** A larger list is serialised every time rather than kept. */
const MAX_LIST_BYTES = 1024 * 1024

interface Kept {
  route: InboundRequest['route']
  sent: Buffer
  json: Buffer
}
const kept: Kept[] = []

/** The JSON bytes of `tools`, the translation of the tools `inbound` was sent with. */
export function translatedToolsJson(inbound: InboundRequest, tools: unknown): Buffer {
  const sent = inbound.raw ? memberBytes(inbound.raw, 'tools') : null
  if (sent === null || sent.length > MAX_LIST_BYTES) return Buffer.from(JSON.stringify(tools))
  for (const list of kept) {
    if (list.route === inbound.route && list.sent.equals(sent)) return list.json
  }
  const json = Buffer.from(JSON.stringify(tools))
  // A copy: the request's own bytes would keep its whole body.
  kept.unshift({ route: inbound.route, sent: Buffer.from(sent), json })
  if (kept.length > MAX_LISTS) kept.pop()
  return json
}
