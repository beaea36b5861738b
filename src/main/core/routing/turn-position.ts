import { createHash } from 'node:crypto'
import { conversationKey, stripHarness, textOf } from '../personas/human-ask.ts'
import type { OpenAIChatRequest, OpenAIMessage } from '../providers/wire/openai.ts'

/** Where a chat request stands: the turn it belongs to, and whether it continues that turn. */
export interface TurnPosition {
  /** Identifies the conversation, the scope and the turn's human message; a hash, never the text. */
  key: string
  /** True for the tool-loop requests after the turn's first one. */
  continued: boolean
}

// Agents that speak tools in XML (Cline, Roo, Kilo) send tool results as user messages:
// "[read_file for 'a.ts'] Result:" or the automated "[ERROR] You did not use a tool ...".
const XML_TOOL_RESULT = /^\[[^\]\n]{1,200}\] Result:|^\[ERROR\] You did not use a tool/
// ...unless the human answered inside it: feedback on a result, an answer to a question.
const HUMAN_REPLY = /<(?:feedback|answer|user_message)>/

const hasImage = (m: OpenAIMessage) =>
  Array.isArray(m.content) && m.content.some((p) => p.type === 'image_url' || p.type === 'image')

/**
 * A message a human wrote, as opposed to tool results, harness reminders (Claude Code's
 * `<system-reminder>`, Cline's `<environment_details>`) or the assistant's own output.
 */
export function isHumanMessage(messages: OpenAIMessage[], index: number): boolean {
  const m = messages[index]!
  if (m.role !== 'user') return false
  const raw = textOf(m.content)
  if (XML_TOOL_RESULT.test(raw.trimStart()) && !HUMAN_REPLY.test(raw)) return false
  if (stripHarness(raw).trim() !== '') return true
  // No words of its own: a pasted picture, unless it carries the images of the tool result before.
  return hasImage(m) && messages[index - 1]?.role !== 'tool'
}

/** What identifies a message in the key: its text and tool call ids, which clients resend unchanged. */
function identity(m: OpenAIMessage | undefined): string {
  if (!m) return ''
  const text = m.role === 'user' ? stripHarness(textOf(m.content)).trim() : textOf(m.content)
  const calls = m.role === 'assistant' ? (m.tool_calls ?? []).map((c) => c.id).join(',') : ''
  return `${m.role}\u0000${text}\u0000${calls}`
}

/**
 * The turn of a chat request within `scope` (workspace and requested model), or null when no
 * human message starts one. The human message is identified by its text and the message before
 * it, not its index, so a client that trims the middle of a long history keeps its turn, and a
 * repeated "continue" later in the conversation still starts a new one.
 */
export function turnPosition(
  chat: Pick<OpenAIChatRequest, 'messages'>,
  scope: string,
): TurnPosition | null {
  const { messages } = chat
  let human = messages.length - 1
  while (human >= 0 && !isHumanMessage(messages, human)) human--
  if (human < 0) return null
  const key = createHash('sha1')
    .update(scope)
    .update('\u0001')
    .update(conversationKey(chat) ?? '')
    .update('\u0001')
    .update(identity(messages[human - 1]))
    .update('\u0001')
    .update(identity(messages[human]))
    .digest('base64url')
  return { key, continued: human < messages.length - 1 }
}
