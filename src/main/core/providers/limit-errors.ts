/** What an upstream's 400 said about the model's limits. */
export interface StatedLimits {
  /** The model's output limit (a fact about the model, worth remembering). */
  maxOutputTokens?: number
  /** The model's context window (a fact about the model, worth remembering). */
  contextWindow?: number
  /** The most output tokens this very request can ask for (window minus its prompt). */
  fitsOutputTokens?: number
}

const int = (s: string | undefined) => Number(s?.replace(/[,_]/g, ''))
const N = '(\\d[\\d,_]*)'

// Each pattern is a real message text; the comment above it names who sends it.
const patterns: { re: RegExp; read(m: RegExpExecArray): StatedLimits }[] = [
  {
    // OpenAI: "max_tokens is too large: 128000. This model supports at most 16384 completion
    // tokens, whereas you provided 128000."
    re: new RegExp(`is too large: ${N}\\. This model supports at most ${N} completion tokens`, 'i'),
    read: (m) => ({ maxOutputTokens: int(m[2]) }),
  },
  {
    // Anthropic: "max_tokens: 128000 > 64000, which is the maximum allowed number of output tokens
    // for claude-sonnet-4-5-20250929"
    re: new RegExp(
      `max_tokens: ${N} > ${N}, which is the maximum allowed number of output tokens`,
      'i',
    ),
    read: (m) => ({ maxOutputTokens: int(m[2]) }),
  },
  {
    // vLLM: "'max_tokens' or 'max_completion_tokens' is too large: 32000. This model's maximum
    // context length is 8192 tokens and your request has 5000 input tokens (32000 > 8192 - 5000)."
    re: new RegExp(
      `maximum context length is ${N} tokens and your request has ${N} input tokens`,
      'i',
    ),
    read: (m) => ({ contextWindow: int(m[1]), fitsOutputTokens: int(m[1]) - int(m[2]) }),
  },
  {
    // vLLM (newer): "This model's maximum context length is 128000 tokens. However, you requested
    // 65535 output tokens and your prompt contains at least 62466 input tokens, for a total of at
    // least 128001 tokens."
    re: new RegExp(
      `maximum context length is ${N} tokens\\. However, you requested ${N} output tokens and your prompt contains at least ${N} input tokens`,
      'i',
    ),
    read: (m) => ({ contextWindow: int(m[1]), fitsOutputTokens: int(m[1]) - int(m[3]) }),
  },
  {
    // OpenAI (older models) and vLLM (older): "This model's maximum context length is 8192 tokens.
    // However, you requested 8256 tokens (64 in the messages, 8192 in the completion)."
    re: new RegExp(
      `maximum context length is ${N} tokens\\. However, you requested ${N} tokens \\(${N} in the messages, ${N} in the completion\\)`,
      'i',
    ),
    read: (m) => ({ contextWindow: int(m[1]), fitsOutputTokens: int(m[1]) - int(m[3]) }),
  },
]

/** Reads the limits an upstream's refusal states; null when the message is about something else. */
export function parseLimitError(message: string): StatedLimits | null {
  for (const { re, read } of patterns) {
    const m = re.exec(message)
    if (m) return read(m)
  }
  return null
}
