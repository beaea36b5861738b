import { stripHarness, textOf } from '../personas/human-ask.ts'
import type { OpenAIChatRequest, OpenAIMessage } from '../providers/wire/openai.ts'
import { TextHash } from './text-hash.ts'

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
  const raw = boundedText(m)
  if (XML_TOOL_RESULT.test(raw.trimStart()) && !HUMAN_REPLY.test(raw)) return false
  if (withoutHarness(raw).trim() !== '') return true
  // No words of its own: a pasted picture, unless it carries the images of the tool result before.
  return hasImage(m) && messages[index - 1]?.role !== 'tool'
}

/**
 * Characters of one message read to place the turn: tool results and pasted files can run to
 * megabytes, and every request of a long agent session walks back over them. A message's
 * identity is this head (after harness text is stripped from it) and its full length.
 */
const MESSAGE_CHARS = 16_000
/** Characters of the system prompt and of the first user turn that identify the conversation. */
const CONVERSATION_CHARS = 2_000
/** Tool call ids of one assistant message in its identity; parallel calls rarely pass a dozen. */
const MAX_CALL_IDS = 64

/** A message's text, cut at MESSAGE_CHARS, plus its full length when cut. */
function boundedText(m: OpenAIMessage): string {
  const text = textOf(m.content)
  return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}\u0000${text.length}` : text
}

/** Harness text is tagged; most messages have no tag, and skip the harness patterns' scans. */
const withoutHarness = (text: string) => (text.includes('<') ? stripHarness(text) : text)

/** Feeds what identifies a message: its role, its text and tool call ids, which clients resend unchanged. */
function addIdentity(key: TextHash, m: OpenAIMessage | undefined): void {
  if (!m) return void key.add('')
  const raw = boundedText(m)
  const text = m.role === 'user' ? withoutHarness(raw).trim() : raw
  key.add(m.role).add(text)
  if (m.role !== 'assistant') return
  const calls = m.tool_calls ?? []
  for (let i = 0; i < Math.min(calls.length, MAX_CALL_IDS); i++) key.add(calls[i]!.id)
}

/**
 * Feeds the conversation: the start of its system prompt and of its first user turn. When that
 * turn is the human message itself, its identity is fed whole after this; its head is read here
 * only for the harness text the identity leaves out, which tells two projects' sessions apart.
 */
function addConversation(key: TextHash, messages: OpenAIMessage[], human: number): void {
  const system = messages.find((m) => m.role === 'system' || m.role === 'developer')
  const firstUser = messages.findIndex((m) => m.role === 'user')
  const systemText = textOf(system?.content)
  const userText = textOf(messages[firstUser]?.content)
  const userHead = firstUser === human && !userText.includes('<') ? '' : userText
  key.add(systemText, 0, Math.min(systemText.length, CONVERSATION_CHARS))
  key.add(userHead, 0, Math.min(userHead.length, CONVERSATION_CHARS))
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
  const key = new TextHash().add(scope)
  addConversation(key, messages, human)
  addIdentity(key, messages[human - 1])
  addIdentity(key, messages[human])
  return { key: key.digest(), continued: human < messages.length - 1 }
}
