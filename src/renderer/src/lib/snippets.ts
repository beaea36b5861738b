/** Ready-to-paste configuration for common clients, pointed at this Switchboard. */
export interface Snippet {
  id: string
  label: string
  where: string
  code: string
}

export function clientSnippets(base: string): Snippet[] {
  const mux = `${base}/v1/mux`
  return [
    {
      id: 'continue',
      label: 'Continue',
      where: '~/.continue/config.yaml',
      code: `models:
  - name: Switchboard
    provider: openai
    model: switchboard
    apiBase: ${mux}
    apiKey: switchboard
    roles: [chat, edit, apply, autocomplete]`,
    },
    {
      id: 'cline',
      label: 'Cline / Roo',
      where: 'Settings → API Provider: "OpenAI Compatible"',
      code: `Base URL:  ${mux}
API Key:   switchboard
Model ID:  switchboard`,
    },
    {
      id: 'aider',
      label: 'aider',
      where: 'shell',
      code: `export OPENAI_API_BASE=${mux}
export OPENAI_API_KEY=switchboard
aider --model openai/switchboard`,
    },
    {
      id: 'claude-code',
      label: 'Claude Code',
      where: 'shell',
      code: `export ANTHROPIC_BASE_URL=${mux}
export ANTHROPIC_AUTH_TOKEN=switchboard
claude`,
    },
    {
      id: 'codex',
      label: 'Codex CLI',
      where: '~/.codex/config.toml',
      code: `model = "switchboard"
model_provider = "switchboard"

[model_providers.switchboard]
name = "Switchboard"
base_url = "${mux}"
wire_api = "responses"`,
    },
    {
      id: 'openai-sdk',
      label: 'OpenAI SDK',
      where: 'TypeScript',
      code: `import OpenAI from 'openai'

const client = new OpenAI({ baseURL: '${mux}', apiKey: 'switchboard' })
const reply = await client.chat.completions.create({
  model: 'switchboard',
  messages: [{ role: 'user', content: 'Explain src/app.tsx' }],
})`,
    },
    {
      id: 'curl',
      label: 'curl',
      where: 'shell',
      code: `curl ${mux}/chat/completions \\
  -H 'Content-Type: application/json' \\
  -d '{"model": "switchboard", "messages": [{"role": "user", "content": "Hello"}]}'`,
    },
  ]
}
