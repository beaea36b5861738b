import { describe, expect, it } from 'vitest'
import type { IncomingHttpHeaders } from 'node:http'
import { detectClient } from '../../src/main/core/mux/detect-client.ts'

// Header sets as each client sends them, taken from its source (named per case). Node lowercases
// header names, so they are lowercase here.

const stainlessJs = {
  'x-stainless-lang': 'js',
  'x-stainless-os': 'Linux',
  'x-stainless-arch': 'x64',
  'x-stainless-runtime': 'node',
  'x-stainless-runtime-version': 'v22.16.0',
  'x-stainless-retry-count': '0',
}

const cases: [string, IncomingHttpHeaders, string, string][] = [
  [
    // anthropics/claude-code 2.1: its bundled Anthropic SDK with a claude-cli agent.
    'Claude Code',
    {
      ...stainlessJs,
      'user-agent': 'claude-cli/2.1.3 (external, cli)',
      'x-app': 'cli',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14',
      'x-stainless-package-version': '0.60.0',
    },
    "You are Claude Code, Anthropic's official CLI for Claude.",
    'Claude Code',
  ],
  [
    // openai/codex codex-rs/core/src/default_client.rs: originator header and matching agent.
    'Codex CLI',
    {
      'user-agent': 'codex_cli_rs/0.46.0 (Mac OS 14.5.0; arm64) iTerm.app/3.5.10',
      originator: 'codex_cli_rs',
    },
    'You are a coding agent running in the Codex CLI',
    'Codex',
  ],
  [
    'Codex VS Code extension',
    {
      'user-agent': 'codex_vscode/0.46.0 (Windows 11; x86_64) vscode/1.104.0',
      originator: 'codex_vscode',
    },
    '',
    'Codex',
  ],
  [
    // sst/opencode session/llm.ts: `opencode/<version>` on every provider request.
    'opencode',
    { 'user-agent': 'opencode/1.0.40', 'x-session-affinity': 'ses_1' },
    'You are OpenCode, the best coding agent on the planet.',
    'opencode',
  ],
  [
    // QwenLM/qwen-code openai content generator: buildHeaders() over the OpenAI SDK.
    'Qwen Code (OpenAI-compatible)',
    { ...stainlessJs, 'user-agent': 'QwenCode/0.0.14 (linux; x64)' },
    'You are Qwen Code, an interactive CLI agent developed by Alibaba Group',
    'Qwen Code',
  ],
  [
    // Qwen Code's Anthropic provider sends Claude Code's agent string; its prompt tells it apart.
    'Qwen Code (Anthropic provider)',
    { ...stainlessJs, 'user-agent': 'claude-cli/0.15.11 (external, cli)', 'x-app': 'cli' },
    'You are Qwen Code, an interactive CLI agent developed by Alibaba Group',
    'Qwen Code',
  ],
  [
    // cline/cline providers: OpenRouter attribution headers.
    'Cline',
    {
      ...stainlessJs,
      'user-agent': 'OpenAI/JS 4.96.0',
      'http-referer': 'https://cline.bot',
      'x-title': 'Cline',
    },
    'You are Cline, a highly skilled software engineer',
    'Cline',
  ],
  [
    'Cline (plain OpenAI-compatible provider, no attribution)',
    { ...stainlessJs, 'user-agent': 'OpenAI/JS 4.96.0' },
    'You are Cline, a highly skilled software engineer',
    'Cline',
  ],
  [
    // RooCodeInc/Roo-Code DEFAULT_HEADERS; its referer names Roo-Cline.
    'Roo Code',
    {
      ...stainlessJs,
      'user-agent': 'RooCode/3.25.0',
      'http-referer': 'https://github.com/RooVetGit/Roo-Cline',
      'x-title': 'Roo Code',
    },
    'You are Roo, a highly skilled software engineer',
    'Roo Code',
  ],
  [
    'Kilo Code',
    {
      ...stainlessJs,
      'user-agent': 'Kilo-Code/4.80.0',
      'http-referer': 'https://kilocode.ai',
      'x-title': 'Kilo Code',
    },
    'You are Kilo Code, a highly skilled software engineer',
    'Kilo Code',
  ],
  [
    // continuedev/continue extensions/cli: a bundled OpenAI SDK whose minified class name
    // ("ls") is its user agent; only the system prompt names the tool.
    'Continue CLI (cn)',
    { ...stainlessJs, 'user-agent': 'ls/JS 5.12.2', 'x-stainless-package-version': '5.12.2' },
    "You are an agent in the Continue CLI. Given the user's prompt, you should use the tools",
    'Continue CLI',
  ],
  [
    // continuedev/continue core/llm/defaultSystemMessages.ts
    'Continue IDE',
    { 'user-agent': 'node-fetch', accept: '*/*' },
    '<important_rules>\n  You are in agent mode.\n\n  If you need to use multiple tools',
    'Continue',
  ],
  [
    // Aider-AI/aider through litellm's OpenAI (Python) client.
    'aider',
    { 'user-agent': 'OpenAI/Python 1.99.1', 'x-stainless-lang': 'python' },
    'Act as an expert software developer.\nAlways use best practices when coding.',
    'aider',
  ],
  [
    'aider via OpenRouter attribution',
    {
      'user-agent': 'OpenAI/Python 1.99.1',
      'http-referer': 'https://aider.chat',
      'x-title': 'Aider',
    },
    '',
    'aider',
  ],
  [
    'the OpenAI JS SDK used directly',
    { ...stainlessJs, 'user-agent': 'OpenAI/JS 6.3.0' },
    'You are a helpful assistant.',
    'OpenAI SDK',
  ],
  [
    'the Anthropic JS SDK used directly',
    { ...stainlessJs, 'user-agent': 'Anthropic/JS 0.65.0', 'anthropic-version': '2023-06-01' },
    '',
    'Anthropic SDK',
  ],
  ['curl', { 'user-agent': 'curl/8.5.0' }, '', 'curl'],
  ['no headers at all', {}, '', 'unknown'],
]

describe('detectClient', () => {
  it.each(cases)('recognises %s', (_name, headers, system, expected) => {
    expect(detectClient(headers, system)).toBe(expected)
  })

  it('does not take a bundled class name such as "ls" for a client', () => {
    expect(detectClient({ ...stainlessJs, 'user-agent': 'ls/JS 5.12.2' }, '')).toBe('OpenAI SDK')
  })
})
