/** Request bodies as common clients send them, built around a typed prompt and file name. */
export interface TrySample {
  id: string
  label: string
  route: 'chat' | 'completions' | 'messages'
  build(prompt: string, file: string): Record<string, unknown>
}

const fence = (file: string) => {
  const ext = file.split('.').pop() ?? ''
  return `\`\`\`${ext} ${file}\nexport function example() {}\n\`\`\``
}

const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

export const trySamples: TrySample[] = [
  {
    id: 'openai',
    label: 'OpenAI chat (any SDK)',
    route: 'chat',
    build: (prompt, file) => ({
      model: 'switchboard',
      messages: [{ role: 'user', content: file ? `${fence(file)}\n\n${prompt}` : prompt }],
    }),
  },
  {
    id: 'continue',
    label: 'Continue',
    route: 'chat',
    build: (prompt, file) => ({
      model: 'switchboard',
      messages: [
        { role: 'system', content: '<important_rules>You are in chat mode.</important_rules>' },
        {
          role: 'user',
          content: [{ type: 'text', text: file ? `${fence(file)}\n\n${prompt}` : prompt }],
        },
      ],
    }),
  },
  {
    id: 'cline',
    label: 'Cline / Roo',
    route: 'chat',
    build: (prompt, file) => ({
      model: 'switchboard',
      messages: [
        { role: 'system', content: 'You are Cline, a highly skilled software engineer.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: `<task>\n${prompt}\n</task>` },
            {
              type: 'text',
              text: `<environment_details>\n# VSCode Visible Files\n${file}\n</environment_details>`,
            },
          ],
        },
      ],
    }),
  },
  {
    id: 'claude-code',
    label: 'Claude Code (Anthropic messages)',
    route: 'messages',
    build: (prompt, file) => ({
      model: 'switchboard',
      max_tokens: 1024,
      system: "You are Claude Code, Anthropic's official CLI for Claude.",
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: file ? `${prompt}\n\nSee ${file}` : prompt }],
        },
      ],
    }),
  },
  {
    id: 'claude-code-haiku',
    label: 'Claude Code background request (haiku)',
    route: 'messages',
    build: (prompt) => ({
      model: 'claude-3-5-haiku-20241022',
      max_tokens: 512,
      system: [
        { type: 'text', text: 'Analyze if this message indicates a new conversation topic.' },
      ],
      messages: [{ role: 'user', content: prompt }],
    }),
  },
  {
    id: 'claude-code-thinking',
    label: 'Claude Code with thinking and web search',
    route: 'messages',
    build: (prompt, file) => ({
      model: 'claude-sonnet-4-6',
      max_tokens: 32000,
      thinking: { type: 'enabled', budget_tokens: 31999 },
      system: "You are Claude Code, Anthropic's official CLI for Claude.",
      tools: [
        {
          name: 'Read',
          input_schema: { type: 'object', properties: { file_path: { type: 'string' } } },
        },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
      ],
      messages: [{ role: 'user', content: file ? `${prompt}\n\nSee ${file}` : prompt }],
    }),
  },
  {
    id: 'openai-image',
    label: 'OpenAI chat with a screenshot',
    route: 'chat',
    build: (prompt) => ({
      model: 'switchboard',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: prompt },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${ONE_PIXEL_PNG}` } },
          ],
        },
      ],
    }),
  },
  {
    id: 'fim',
    label: 'Autocomplete (fill-in-the-middle)',
    route: 'completions',
    build: (prompt, file) => ({
      model: 'switchboard',
      prompt: `<|fim_prefix|>${file ? `// Path: ${file}\n` : ''}${prompt}<|fim_suffix|>\n<|fim_middle|>`,
      max_tokens: 64,
    }),
  },
]
