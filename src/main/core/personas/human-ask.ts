import type { OpenAIChatRequest, OpenAIContentPart } from '../providers/wire/openai.ts'
import { fileContext } from './ask-parts.ts'

/** Enough text to recognise a persona; longer asks are cut (about 512 tokens). */
export const ASK_CHAR_BUDGET = 2_000

// Harness text that is not the human's ask: agent reminders, environment dumps, pasted files.
const HARNESS = [
  /<system-reminder>[\s\S]*?<\/system-reminder>/g,
  /<environment_details>[\s\S]*?<\/environment_details>/g,
  /<file_content[^>]*>[\s\S]*?<\/file_content>/g,
  /<(?:task|feedback|user_message)>|<\/(?:task|feedback|user_message)>/g,
]
const CODE_FENCE = /```[^\n]*\n[\s\S]*?```/g

/** The text parts of a message's content, joined. */
export function textOf(content: string | OpenAIContentPart[] | null | undefined): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .filter(
      (p): p is { type: 'text'; text: string } => p.type === 'text' && typeof p.text === 'string',
    )
    .map((p) => p.text)
    .join('\n')
}

/** A user message's text without harness additions (reminders, environment dumps, pasted files). */
export function stripHarness(text: string): string {
  for (const pattern of HARNESS) text = text.replace(pattern, ' ')
  return text
}

/**
 * The person's own words first, then the first lines of each pasted code block (enough to show
 * the language, not the whole file): a classifier that reads the start of the ask reads the question.
 */
function proseThenCode(text: string): string {
  const code: string[] = []
  const prose = text.replace(CODE_FENCE, (block) => {
    code.push(block.split('\n').slice(0, 6).join('\n') + '\n```')
    return '\n'
  })
  return [prose, ...code].join('\n')
}

/** The latest user turn's text, as sent. */
export function lastUserText(req: Pick<OpenAIChatRequest, 'messages'>): string {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i]!
    if (m.role === 'user') return textOf(m.content)
  }
  return ''
}

/**
 * The human ask of a chat request: the latest user turn's own text (not tool results, reminders
 * or pasted file bodies) plus the file names in context, fenced so the lexical engine weighs them
 * as context rather than as the person's words (ask-parts.ts), within a budget.
 */
export function humanAsk(req: Pick<OpenAIChatRequest, 'messages'>, files: string[]): string {
  let ask = ''
  for (let i = req.messages.length - 1; i >= 0 && !ask; i--) {
    const m = req.messages[i]!
    if (m.role !== 'user') continue
    ask = proseThenCode(stripHarness(textOf(m.content)))
      .replace(/[ \t]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  }
  const names = fileContext(files.slice(0, 20))
  // Keep the start when cutting: the question and its first lines carry the intent.
  const head = ask.slice(0, Math.max(0, ASK_CHAR_BUDGET - names.length - 1))
  return names ? `${head}\n${names}`.slice(0, ASK_CHAR_BUDGET) : head
}

/** A conversation's identity: its system prompt and first user turn, which agents keep stable. */
export function conversationKey(req: Pick<OpenAIChatRequest, 'messages'>): string | null {
  const system = req.messages.find((m) => m.role === 'system' || m.role === 'developer')
  const firstUser = req.messages.find((m) => m.role === 'user')
  if (!firstUser) return null
  // Only conversations with history benefit; a single-turn request has nothing to keep.
  return `${textOf(system?.content).slice(0, 4_000)}\u0000${textOf(firstUser.content).slice(0, 4_000)}`
}
