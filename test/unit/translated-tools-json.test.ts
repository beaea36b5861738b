import { describe, expect, it } from 'vitest'
import { parseInbound, type InboundRequest } from '../../src/main/core/mux/inbound.ts'
import { scanJson } from '../../src/main/core/mux/raw-json.ts'
import { planUpstream } from '../../src/main/core/mux/upstream-plan.ts'
import { providerRecord } from '../helpers/provider-record.ts'

// A translated request's tools are serialised once per distinct tool list and reused: each
// request must still go upstream with exactly its own tools.

// An OpenAI-compatible server: it takes chat completions only, so Responses requests are translated.
const vllm = providerRecord({ id: 'vllm', name: 'vLLM', kind: 'vllm' })

type Translated = Extract<InboundRequest, { route: 'messages' | 'responses' }>

/** A request as the mux reads it: parsed, with the text and bytes it came as. */
function received(route: Translated['route'], body: object): Translated {
  const text = JSON.stringify(body)
  const inbound = parseInbound(route, JSON.parse(text)) as Translated
  inbound.raw = scanJson(text, 64, Buffer.from(text)).raw
  return inbound
}

const sent = (inbound: InboundRequest) =>
  JSON.parse(planUpstream(inbound, vllm, null, 'gpt-4o').body.toString('utf8')) as Record<
    string,
    unknown
  >

/** A Claude Code turn with its tools; `read` sets the Read tool's description. */
const claudeCode = (read: string, ask: string) => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 4096,
  system: 'You are Claude Code 🤖 — a coding agent.',
  messages: [{ role: 'user', content: ask }],
  tools: [
    {
      name: 'Read',
      description: read,
      input_schema: { type: 'object', properties: { file_path: { type: 'string' } } },
    },
    { name: 'Bash', description: 'Runs a command…', input_schema: { type: 'object' } },
  ],
  tool_choice: { type: 'auto' },
})

describe('translated tools', () => {
  it('sends every turn of a session its own tools and the rest of its body, repeated or not', () => {
    for (const [read, ask] of [
      ['Reads a file — any file.', 'Why does the pool leak?'],
      ['Reads a file — any file.', 'And the other one?'],
      ['Reads a file, by its absolute path.', 'Now read src/app.ts'],
      ['Reads a file — any file.', 'Back to the first tools'],
    ]) {
      const inbound = received('messages', claudeCode(read!, ask!))
      const body = sent(inbound)
      expect(body).toEqual(JSON.parse(JSON.stringify({ ...inbound.canonical, model: 'gpt-4o' })))
      expect((body.tools as { function: { description: string } }[])[0]!.function.description).toBe(
        read,
      )
      expect(JSON.stringify(body.messages)).toContain(ask!)
    }
  })

  it('keeps the lists of different dialects apart, even when their bytes are the same', () => {
    // One list, valid in both dialects: Anthropic's translation keeps its `custom` tool, the
    // Responses translation its `function` tool.
    const tools = [
      { type: 'custom', name: 'edit', description: 'Edits.', input_schema: { type: 'object' } },
      { type: 'function', name: 'shell', description: 'Runs.', parameters: { type: 'object' } },
    ]
    const names = (body: Record<string, unknown>) =>
      (body.tools as { function: { name: string } }[]).map((t) => t.function.name)
    for (let turn = 0; turn < 2; turn++) {
      expect(names(sent(received('messages', { ...claudeCode('r', 'hi'), tools })))).toEqual([
        'edit',
      ])
      expect(names(sent(received('responses', { model: 'gpt-5', input: 'hi', tools })))).toEqual([
        'shell',
      ])
    }
  })

  it('serialises the tools of a request whose bytes are not known', () => {
    const inbound = received('messages', claudeCode('Reads a file.', 'hi'))
    inbound.raw = undefined
    expect(sent(inbound)).toEqual(
      JSON.parse(JSON.stringify({ ...inbound.canonical, model: 'gpt-4o' })),
    )
  })
})
