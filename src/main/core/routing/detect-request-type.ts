// Fill-in-the-middle or chat, decided per request on the hot path: a few native substring searches
// over a bounded window of one message, never a scan of the whole conversation.

/** The request types a rule can select on. */
export type DetectedRequestType = 'chat' | 'fim'

/**
 * FIM special tokens, grouped by model family. A prompt counts as FIM only when it holds two
 * tokens of one family, so a chat that merely mentions `<PRE>` or `[PREFIX]` stays chat.
 */
const FIM_TOKEN_FAMILIES: readonly (readonly string[])[] = [
  ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'], // Qwen2.5-Coder, CodeGemma, StarCoder2 templates
  ['<fim_prefix>', '<fim_suffix>', '<fim_middle>'], // StarCoder, SantaCoder, Granite
  ['<PRE>', '<SUF>', '<MID>'], // CodeLlama
  ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>'], // DeepSeek Coder
  ['[SUFFIX]', '[PREFIX]'], // Codestral
]

/**
 * Characters searched at each end of a long message. FIM prompts open with a prefix token (after
 * any repo-level context) and close with a middle/end token, so both ends are looked at.
 */
const FIM_WINDOW_CHARS = 64 * 1024

/**
 * Decides whether a request is fill-in-the-middle. Every legacy completion (`route ===
 * 'completions'`) is 'fim', with or without a `suffix` or FIM tokens: on the mux that route is only
 * used by editor autocompletion, where a prompt without suffix is infill at the end of a file, and
 * it needs a completion-capable target, which is what a user's fim rule names; treating it as chat
 * would send keystroke completions to a slow chat model. A chat request is 'fim' when its last user
 * message is itself a FIM prompt (clients that send infill through the chat endpoint).
 */
export function detectRequestType(
  route: 'chat' | 'completions',
  body: { prompt?: unknown; suffix?: unknown; messages?: unknown },
): DetectedRequestType {
  if (route === 'completions') return 'fim'
  return lastUserMessageIsFim(body.messages) ? 'fim' : 'chat'
}

/** Tells whether a text carries the FIM tokens of one model family. */
export function hasFimTokens(text: string): boolean {
  const windows =
    text.length <= 2 * FIM_WINDOW_CHARS
      ? [text]
      : [text.slice(0, FIM_WINDOW_CHARS), text.slice(-FIM_WINDOW_CHARS)]
  for (const family of FIM_TOKEN_FAMILIES) {
    // The prefix token may be in the head window and the middle token in the tail one.
    let seen = 0
    for (const token of family) {
      if (windows.some((w) => w.includes(token)) && ++seen === 2) return true
    }
  }
  return false
}

/** Text parts of the last user message looked at; a FIM prompt is one part, not dozens. */
const MAX_TEXT_PARTS = 8

function lastUserMessageIsFim(messages: unknown): boolean {
  if (!Array.isArray(messages)) return false
  for (let i = messages.length - 1; i >= 0; i--) {
    const message: unknown = messages[i]
    if (typeof message !== 'object' || message === null) continue
    const { role, content } = message as { role?: unknown; content?: unknown }
    if (role !== 'user') continue
    if (typeof content === 'string') return hasFimTokens(content)
    if (!Array.isArray(content)) return false
    for (const part of (content as unknown[]).slice(0, MAX_TEXT_PARTS)) {
      const p = part as { type?: unknown; text?: unknown } | null
      if (p && p.type === 'text' && typeof p.text === 'string' && hasFimTokens(p.text)) return true
    }
    return false
  }
  return false
}
