import type { IncomingHttpHeaders } from 'node:http'

// Runs on every request: a few header reads and short regexes, most specific signal first.
// Sources: each tool's own code (headers it sets, its system prompt), noted per line.

/** `X-Title` / `HTTP-Referer`, the attribution headers tools send for OpenRouter. */
const byAttribution: [RegExp, string][] = [
  // Roo before Cline: Roo's referer is github.com/RooVetGit/Roo-Cline.
  [/roo-?code|roo-?cline|roovetgit/i, 'Roo Code'],
  [/kilo-?code/i, 'Kilo Code'],
  [/\bcline\b/i, 'Cline'],
  [/\baider\b/i, 'aider'],
  [/opencode/i, 'opencode'],
  [/\bcontinue\b/i, 'Continue'],
]

/** User agents that name the tool itself. */
const byToolAgent: [RegExp, string][] = [
  // openai/codex default_client.rs: `<originator>/<version> (<os>; <arch>) <terminal>`, where the
  // originator is codex_cli_rs, codex-tui, codex_vscode, codex_exec or "Codex <product>".
  [/^codex[_-]|^Codex /, 'Codex'],
  [/^opencode\//i, 'opencode'], // sst/opencode: `opencode/<version>`
  [/^QwenCode\//, 'Qwen Code'], // QwenLM/qwen-code: `QwenCode/<version> (<platform>; <arch>)`
  [/^RooCode\//, 'Roo Code'],
  [/^Kilo-?Code\//i, 'Kilo Code'],
  [/^Cline\//, 'Cline'],
  [/^Continue-CLI\//i, 'Continue CLI'], // continuedev/continue extensions/cli
  [/^Continue\//, 'Continue'],
  [/aider/i, 'aider'],
  [/copilot/i, 'Copilot'],
  [/cursor/i, 'Cursor'],
  [/^Zed\//, 'Zed'],
]

/** How tools introduce themselves in their system prompt ("You are Cline, …"). */
const INTRODUCTION = 'You are '
const INTRODUCED =
  /(Cline|Roo|Kilo Code|Qwen Code|[Oo]pen ?[Cc]ode|Claude Code|an agent in the Continue CLI)\b/y
const introduced: Record<string, string> = {
  Cline: 'Cline',
  Roo: 'Roo Code',
  'Kilo Code': 'Kilo Code',
  'Qwen Code': 'Qwen Code',
  'Claude Code': 'Claude Code',
  // The Continue CLI sends through a bundled OpenAI SDK whose minified class name is its user
  // agent (`ls/JS 5.x`), so its prompt is the only thing that names it.
  'an agent in the Continue CLI': 'Continue CLI',
}

/** Prompts that open the same way every time. */
const byPromptStart: [RegExp, string][] = [
  [/^<important_rules>\s*You are in \w+ mode\b/, 'Continue'], // core/llm/defaultSystemMessages.ts
  [/^Act as an expert software developer\b/, 'aider'], // aider's prompts, sent through litellm
]

/** SDKs used directly, or by a tool not recognised above. */
const bySdkAgent: [RegExp, string][] = [
  [/^claude-cli\/|claude-code/i, 'Claude Code'], // `claude-cli/<version> (external, cli)`
  [/^Anthropic\//, 'Anthropic SDK'], // `Anthropic/JS <v>`, `Anthropic/Python <v>`
  [/^OpenAI\/|^AzureOpenAI\//, 'OpenAI SDK'], // `OpenAI/JS <v>`, `OpenAI/Python <v>`
]

/** A best guess at which tool sent a request, for the activity log. */
export function detectClient(headers: IncomingHttpHeaders, systemPrompt: string): string {
  const attribution = `${headers['x-title'] ?? ''} ${headers['http-referer'] ?? ''}`
  const named = attribution.length > 1 ? firstMatch(byAttribution, attribution) : undefined
  if (named !== undefined) return named
  const originator = headers.originator
  if (typeof originator === 'string' && /^codex/i.test(originator)) return 'Codex'
  const ua = headers['user-agent'] ?? ''
  const tool = firstMatch(byToolAgent, ua)
  if (tool !== undefined) return tool
  if (systemPrompt !== '') {
    const introduction = selfIntroduction(systemPrompt)
    if (introduction !== undefined) return introduced[introduction] ?? 'opencode'
    const prompted = firstMatch(byPromptStart, systemPrompt)
    if (prompted !== undefined) return prompted
    if (systemPrompt.includes('Claude Agent SDK')) return 'Claude Code'
  }
  const sdk = firstMatch(bySdkAgent, ua)
  if (sdk !== undefined) return sdk
  // The OpenAI JS SDK (v5+) names itself after its class, which a bundler may have minified.
  if (/^[\w$]+\/JS \d/.test(ua) && headers['x-stainless-lang'] !== undefined) return 'OpenAI SDK'
  const end = ua.search(/[\s/]/)
  return (end === -1 ? ua : ua.slice(0, end)) || 'unknown'
}

/** The name of the first pattern in `list` that matches `text`. */
function firstMatch(list: readonly [RegExp, string][], text: string): string | undefined {
  for (let i = 0; i < list.length; i++) if (list[i]![0].test(text)) return list[i]![1]
  return undefined
}

/** The tool a prompt says it is; indexOf then a sticky match, ~10x cheaper than one regex scan. */
function selfIntroduction(prompt: string): string | undefined {
  let at = prompt.indexOf(INTRODUCTION)
  for (let seen = 0; at !== -1 && seen < 20; seen++) {
    INTRODUCED.lastIndex = at + INTRODUCTION.length
    const match = INTRODUCED.exec(prompt)
    if (match) return match[1]
    at = prompt.indexOf(INTRODUCTION, at + 1)
  }
  return undefined
}
