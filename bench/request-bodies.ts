// The requests the proxy bench sends, one per inbound dialect, each carrying a fenced file of
// `fileKb` so Switchboard extracts file names and walks its filename rules before the catch-all
// answers: an IDE's chat request, a Claude Code turn (Anthropic Messages) and a Codex turn
// (OpenAI Responses), the last two in the shapes those clients send mid tool loop.

const LINE = (i: number) =>
  `  const value${i} = await pool.request({ path: '/items/${i}' }) // fetch item ${i}`

function fencedCode(fileKb: number): string {
  const lines = Math.max(1, Math.round((fileKb * 1024) / LINE(0).length))
  return Array.from({ length: lines }, (_, i) => LINE(i)).join('\n')
}

const ASK = 'Why does this handler leak connections?'

/** The chat request as JSON text, without and with `stream: true`. */
export function requestBodies(fileKb: number): { plain: string; stream: string } {
  const code = fencedCode(fileKb)
  const messages = [
    { role: 'system', content: 'You are a careful coding assistant. Answer briefly.'.repeat(8) },
    { role: 'user', content: `${ASK}\n\n\`\`\`ts src/server/app.ts\n${code}\n\`\`\`` },
  ]
  return {
    plain: JSON.stringify({ model: 'switchboard', messages }),
    stream: JSON.stringify({ model: 'switchboard', messages, stream: true }),
  }
}

const toolSchema = (properties: Record<string, string>) => ({
  type: 'object',
  properties: Object.fromEntries(
    Object.entries(properties).map(([name, description]) => [
      name,
      { type: 'string', description },
    ]),
  ),
  required: Object.keys(properties).slice(0, 1),
  additionalProperties: false,
})

/**
 * A Claude Code turn: system blocks with cache_control, its tools, a system reminder before the
 * ask, then a Read tool_use and its tool_result carrying the file.
 */
export function anthropicBodies(fileKb: number): { plain: string; stream: string } {
  const code = fencedCode(fileKb)
  const body = {
    model: 'switchboard',
    max_tokens: 32000,
    system: [
      {
        type: 'text',
        text: "You are Claude Code, Anthropic's official CLI for Claude.",
        cache_control: { type: 'ephemeral' },
      },
      {
        type: 'text',
        text: 'You are an interactive CLI tool that helps users with software engineering tasks.'.repeat(
          6,
        ),
        cache_control: { type: 'ephemeral' },
      },
    ],
    tools: [
      ['Read', { file_path: 'The absolute path to the file to read' }],
      ['Edit', { file_path: 'The file to modify', old_string: 'Text to replace' }],
      ['Bash', { command: 'The command to execute' }],
      ['Grep', { pattern: 'The regular expression to search for', path: 'Where to search' }],
    ].map(([name, properties]) => ({
      name,
      description: `${name} tool.`,
      input_schema: toolSchema(properties as Record<string, string>),
    })),
    messages: [
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: "<system-reminder>\nAs you answer the user's questions, you can use the following context:\n# claudeMd\n- Run `npm test` before committing\n</system-reminder>",
          },
          { type: 'text', text: `${ASK} Look at src/server/app.ts.` },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: "I'll read the handler." },
          {
            type: 'tool_use',
            id: 'toolu_01',
            name: 'Read',
            input: { file_path: '/home/dev/shop/src/server/app.ts' },
          },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_01',
            content: code,
            cache_control: { type: 'ephemeral' },
          },
        ],
      },
    ],
    metadata: { user_id: 'user_bench_account__session_0000' },
    temperature: 1,
  }
  return {
    plain: JSON.stringify(body),
    stream: JSON.stringify({ ...body, stream: true }),
  }
}

/**
 * A Codex turn: long instructions, the environment context and the ask as input_text, then a
 * shell function_call and its output carrying the file; stateless (store: false).
 */
export function responsesBodies(fileKb: number): { plain: string; stream: string } {
  const code = fencedCode(fileKb)
  const body = {
    model: 'switchboard',
    instructions: 'You are Codex, a coding agent running in a terminal. Be precise.'.repeat(8),
    input: [
      {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: '<environment_context>\n  <cwd>/home/dev/shop</cwd>\n  <approval_policy>on-request</approval_policy>\n</environment_context>',
          },
        ],
      },
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: `${ASK} Look at src/server/app.ts.` }],
      },
      {
        type: 'function_call',
        name: 'shell',
        arguments: JSON.stringify({ command: ['cat', 'src/server/app.ts'] }),
        call_id: 'call_01',
      },
      { type: 'function_call_output', call_id: 'call_01', output: code },
    ],
    tools: [
      {
        type: 'function',
        name: 'shell',
        description: 'Runs a shell command and returns its output.',
        strict: false,
        parameters: toolSchema({ command: 'The command to execute' }),
      },
    ],
    tool_choice: 'auto',
    parallel_tool_calls: false,
    reasoning: { effort: 'medium', summary: 'auto' },
    store: false,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: 'bench-session-0000',
  }
  return {
    plain: JSON.stringify(body),
    stream: JSON.stringify({ ...body, stream: true }),
  }
}
