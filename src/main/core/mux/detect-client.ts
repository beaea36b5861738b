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

/** How tools introduce themselves at the start of their system prompt. */
const bySystemPrompt: [RegExp, string][] = [
  [/You are Cline\b/, 'Cline'],
  [/You are Roo\b/, 'Roo Code'],
  [/You are Kilo Code\b/, 'Kilo Code'],
  [/You are Qwen Code\b/, 'Qwen Code'],
  [/You are open ?code\b/i, 'opencode'],
  // The Continue CLI sends through a bundled OpenAI SDK whose minified class name is its user
  // agent (`ls/JS 5.x`), so its prompt is the only thing that names it.
  [/You are an agent in the Continue CLI\b/, 'Continue CLI'],
  [/^<important_rules>\s*You are in \w+ mode\b/, 'Continue'],
  [/^Act as an expert software developer\b/, 'aider'], // aider's prompts, sent through litellm
  [/You are Claude Code\b|Claude Agent SDK\b/, 'Claude Code'],
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
  if (attribution.length > 1) {
    for (const [pattern, name] of byAttribution) if (pattern.test(attribution)) return name
  }
  const originator = headers.originator
  if (typeof originator === 'string' && /^codex/i.test(originator)) return 'Codex'
  const ua = headers['user-agent'] ?? ''
  for (const [pattern, name] of byToolAgent) if (pattern.test(ua)) return name
  if (systemPrompt !== '') {
    for (const [pattern, name] of bySystemPrompt) if (pattern.test(systemPrompt)) return name
  }
  for (const [pattern, name] of bySdkAgent) if (pattern.test(ua)) return name
  // The OpenAI JS SDK (v5+) names itself after its class, which a bundler may have minified.
  if (/^[\w$]+\/JS \d/.test(ua) && headers['x-stainless-lang'] !== undefined) return 'OpenAI SDK'
  return ua.split(/[\s/]/)[0] || 'unknown'
}
