import type { IncomingHttpHeaders } from 'node:http'

const byUserAgent: [RegExp, string][] = [
  [/claude-cli|claude-code/i, 'Claude Code'],
  [/\bcline\b/i, 'Cline'],
  [/roo-?code|roo-cline/i, 'Roo Code'],
  [/kilo-?code/i, 'Kilo Code'],
  [/\bcontinue\b/i, 'Continue'],
  [/aider|litellm/i, 'aider'],
  [/copilot/i, 'Copilot'],
  [/cursor/i, 'Cursor'],
  [/zed/i, 'Zed'],
  [/^Anthropic\//, 'Anthropic SDK'],
  [/^OpenAI\//, 'OpenAI SDK'],
]

/** A best guess at which tool sent a request, for the activity log. */
export function detectClient(headers: IncomingHttpHeaders, systemPrompt: string): string {
  const ua = headers['user-agent'] ?? ''
  const title = String(headers['x-title'] ?? headers['http-referer'] ?? '')
  for (const [pattern, name] of byUserAgent) if (pattern.test(title)) return name
  if (/You are Cline/.test(systemPrompt)) return 'Cline'
  if (/You are Roo/.test(systemPrompt)) return 'Roo Code'
  if (/You are Kilo Code/.test(systemPrompt)) return 'Kilo Code'
  if (/Claude Code/.test(systemPrompt)) return 'Claude Code'
  for (const [pattern, name] of byUserAgent) if (pattern.test(ua)) return name
  return ua.split(/[\s/]/)[0] || 'unknown'
}
