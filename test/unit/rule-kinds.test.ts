import { describe, expect, it } from 'vitest'
import type { Decision } from '../../src/shared/activity.ts'
import { Rule } from '../../src/shared/schemas.ts'
import { parseInbound, type InboundRequest } from '../../src/main/core/mux/inbound.ts'
import { requestSignals } from '../../src/main/core/mux/resolve-decision.ts'
import type { Classify } from '../../src/main/core/personas/classifier.ts'
import { compileWorkspace } from '../../src/main/core/routing/compile-rules.ts'
import { decideByRules } from '../../src/main/core/routing/decide.ts'
import { IMAGE_SCAN_LIMIT } from '../../src/main/core/routing/rules/images.ts'

// Each request-feature rule kind on the request shapes real clients send, decided the way the mux
// decides: parse, signals, compiled rules top-down, then the catch-all.

const noClassifier = (async () => {
  throw new Error('the classifier must not run for these rules')
}) as unknown as Classify

const CATCH_ALL = { provider: 'oai', model: 'gpt-4o' }
const HIT = { provider: 'local', model: 'qwen2.5-coder:7b' }

function workspace(rules: unknown[]) {
  return compileWorkspace(
    {
      id: 'w',
      name: 'default',
      rules: rules.map((r, i) => ({
        ...Rule.parse({ target: HIT, ...(r as object) }),
        id: `r${i}`,
      })),
      catchAll: { target: CATCH_ALL, fallbacks: [] },
      holdDecisionForTurn: false,
      createdAt: '',
      updatedAt: '',
    },
    (id) => id,
  )
}

async function decide(
  route: InboundRequest['route'],
  body: Record<string, unknown>,
  rules: unknown[],
): Promise<Decision> {
  return decideParsed(parseInbound(route, body), rules)
}

async function decideParsed(inbound: InboundRequest, rules: unknown[]): Promise<Decision> {
  const { ctx, classification } = requestSignals(inbound, noClassifier)
  return decideByRules(workspace(rules), ctx, performance.now(), classification)
}

// ---- Request shapes, as the clients send them

/** Claude Code's background request (title / topic detection) on the small model: no tools. */
const claudeCodeHaiku = {
  model: 'claude-3-5-haiku-20241022',
  max_tokens: 512,
  temperature: 0,
  stream: true,
  system: [
    {
      type: 'text',
      text: "Analyze if this message indicates a new conversation topic. Format your response as a JSON object with two fields: 'isNewTopic' (boolean) and 'title' (string or null).",
    },
  ],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'fix the failing cart test' }] }],
  metadata: { user_id: 'user_abc_account__session_123' },
}

/** Claude Code's main turn with extended thinking and its tools, one of them a server tool. */
const claudeCodeThinking = {
  model: 'claude-sonnet-4-5-20250929',
  max_tokens: 32000,
  stream: true,
  thinking: { type: 'enabled', budget_tokens: 31999 },
  system: [{ type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." }],
  tools: [
    {
      name: 'Read',
      description: 'Reads a file from the local filesystem.',
      input_schema: {
        type: 'object',
        properties: { file_path: { type: 'string' } },
        required: ['file_path'],
      },
    },
    { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
  ],
  messages: [{ role: 'user', content: 'Why does the cart total round wrong?' }],
}

/** An OpenAI reasoning model request from the official SDK. */
const openaiReasoning = {
  model: 'o4-mini',
  reasoning_effort: 'high',
  messages: [
    { role: 'developer', content: 'You are a careful reviewer.' },
    { role: 'user', content: 'Find the race in this worker pool.' },
  ],
}

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

const openaiImage = {
  model: 'gpt-4o',
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is wrong with this layout?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
      ],
    },
  ],
}

const anthropicImage = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [
    {
      role: 'user',
      content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
        { type: 'text', text: 'What is wrong with this layout?' },
      ],
    },
  ],
}

/** A computer-use style turn: the screenshot comes back inside a tool result. */
const anthropicToolResultImage = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  tools: [{ name: 'screenshot', input_schema: { type: 'object', properties: {} } }],
  messages: [
    { role: 'user', content: 'Check the page renders.' },
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_01', name: 'screenshot', input: {} }],
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_01',
          content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/s.png' } }],
        },
      ],
    },
  ],
}

/** An OpenAI chat request with function tools and the search models' web_search_options. */
const openaiTools = {
  model: 'gpt-4o-search-preview',
  web_search_options: { search_context_size: 'low' },
  tools: [
    {
      type: 'function',
      function: { name: 'read_file', parameters: { type: 'object', properties: {} } },
    },
  ],
  messages: [{ role: 'user', content: 'What changed in React 19?' }],
}

describe('model rule', () => {
  it('sends Claude Code background requests on haiku to a cheap local model, saying why', async () => {
    const d = await decide('messages', claudeCodeHaiku, [{ kind: 'model', pattern: '*haiku*' }])
    expect(d.target).toEqual(HIT)
    expect(d.rule?.label).toBe('model "*haiku*"')
    expect(d.why).toBe('rule 1, model "*haiku*", matched claude-3-5-haiku-20241022')
  })

  it('is case-insensitive, a glob only with * or ?, otherwise the exact name', async () => {
    const asked = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] })
    const rules = [{ kind: 'model', pattern: 'GPT-4o' }]
    expect((await decide('chat', asked('gpt-4o'), rules)).target).toEqual(HIT)
    expect((await decide('chat', asked('gpt-4o-mini'), rules)).target).toEqual(CATCH_ALL)
    const glob = [{ kind: 'model', pattern: 'claude-?-5-*' }]
    expect((await decide('chat', asked('Claude-3-5-Haiku'), glob)).target).toEqual(HIT)
    expect((await decide('chat', asked('claude-sonnet-4-5'), glob)).target).toEqual(CATCH_ALL)
  })

  it('rejects an empty pattern with a message saying what to give', () => {
    const r = Rule.safeParse({ kind: 'model', pattern: '  ', target: HIT })
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]).toMatchObject({ path: ['pattern'] })
    expect(r.error!.issues[0]!.message).toContain('*haiku*')
  })
})

describe('thinking rule', () => {
  const rules = [{ kind: 'thinking' }]

  it('matches an Anthropic thinking request, though the chat form drops `thinking`', async () => {
    const d = await decide('messages', claudeCodeThinking, rules)
    expect(d.target).toEqual(HIT)
    expect(d.why).toBe('rule 1, thinking, matched thinking enabled (budget_tokens 31999)')
  })

  it('matches adaptive thinking but not thinking disabled or absent', async () => {
    const adaptive = { ...claudeCodeThinking, thinking: { type: 'adaptive' } }
    expect((await decide('messages', adaptive, rules)).why).toContain('thinking adaptive')
    const disabled = { ...claudeCodeThinking, thinking: { type: 'disabled' } }
    expect((await decide('messages', disabled, rules)).target).toEqual(CATCH_ALL)
    expect((await decide('messages', claudeCodeHaiku, rules)).target).toEqual(CATCH_ALL)
  })

  it('matches OpenAI reasoning_effort low and up, not none or minimal', async () => {
    const d = await decide('chat', openaiReasoning, rules)
    expect(d.why).toBe('rule 1, thinking, matched reasoning_effort high')
    for (const effort of ['none', 'minimal']) {
      const body = { ...openaiReasoning, reasoning_effort: effort }
      expect((await decide('chat', body, rules)).target).toEqual(CATCH_ALL)
    }
    const low = { ...openaiReasoning, reasoning_effort: 'low' }
    expect((await decide('chat', low, rules)).target).toEqual(HIT)
  })

  it('matches the Responses (and OpenRouter) `reasoning.effort` form', async () => {
    const { reasoning_effort: _, ...rest } = openaiReasoning
    const d = await decide('chat', { ...rest, reasoning: { effort: 'medium' } }, rules)
    expect(d.why).toBe('rule 1, thinking, matched reasoning.effort medium')
  })
})

describe('images rule', () => {
  const rules = [{ kind: 'images' }]

  it('matches an OpenAI image_url part and an Anthropic image block', async () => {
    expect((await decide('chat', openaiImage, rules)).why).toBe(
      'rule 1, images, matched an image in messages[0]',
    )
    expect((await decide('messages', anthropicImage, rules)).target).toEqual(HIT)
  })

  it('matches a screenshot inside an Anthropic tool result', async () => {
    const d = await decide('messages', anthropicToolResultImage, rules)
    expect(d.why).toBe('rule 1, images, matched an image in a tool result (messages[2])')
  })

  it('does not match text only requests', async () => {
    expect((await decide('messages', claudeCodeThinking, rules)).target).toEqual(CATCH_ALL)
    expect((await decide('chat', openaiReasoning, rules)).target).toEqual(CATCH_ALL)
  })

  it('stops after its scan budget, newest messages first', async () => {
    const filler = { role: 'user', content: [{ type: 'text', text: 'x' }] }
    const old = openaiImage.messages[0]!
    const recent = { model: 'gpt-4o', messages: [filler, old, filler] }
    expect((await decide('chat', recent, rules)).target).toEqual(HIT)
    const buried = {
      model: 'gpt-4o',
      messages: [old, ...Array.from({ length: IMAGE_SCAN_LIMIT }, () => filler)],
    }
    expect((await decide('chat', buried, rules)).target).toEqual(CATCH_ALL)
  })
})

describe('tools rule', () => {
  it('matches any offered tool without a name', async () => {
    const d = await decide('messages', claudeCodeThinking, [{ kind: 'tools' }])
    expect(d.why).toBe('rule 1, tools, matched 2 tools')
    expect((await decide('messages', claudeCodeHaiku, [{ kind: 'tools' }])).target).toEqual(
      CATCH_ALL,
    )
  })

  it('matches web_search as an Anthropic server tool, translation notwithstanding', async () => {
    const d = await decide('messages', claudeCodeThinking, [{ kind: 'tools', tool: 'web_search' }])
    expect(d.rule?.label).toBe('tool "web_search"')
    expect(d.why).toBe('rule 1, tool "web_search", matched tool web_search (web_search_20250305)')
  })

  it('matches OpenAI web_search_options, Responses built-in types and function names', async () => {
    const web = [{ kind: 'tools', tool: 'web_search' }]
    expect((await decide('chat', openaiTools, web)).why).toContain('matched tool web_search')
    const responsesTools = {
      model: 'gpt-5',
      input: 'What changed in React 19?',
      tools: [{ type: 'web_search_preview' }, { type: 'function', name: 'get_weather' }],
    }
    expect((await decide('responses', responsesTools, web)).why).toContain('web_search_preview')
    const byName = [{ kind: 'tools', tool: 'READ_*' }]
    expect((await decide('chat', openaiTools, byName)).why).toContain('matched tool read_file')
    const missing = [{ kind: 'tools', tool: 'web_fetch' }]
    expect((await decide('messages', claudeCodeThinking, missing)).target).toEqual(CATCH_ALL)
  })

  it("matches the functions inside Codex's Responses namespaces, by name or by namespace", async () => {
    const codex = {
      model: 'gpt-5-codex',
      input: 'Split this refactor across two agents.',
      tools: [
        { type: 'function', name: 'shell', parameters: { type: 'object', properties: {} } },
        {
          type: 'namespace',
          name: 'multi_agent_v1',
          description: 'Sub-agents.',
          tools: [
            { type: 'function', name: 'spawn_agent', parameters: { type: 'object' } },
            { type: 'function', name: 'wait_agent', parameters: { type: 'object' } },
          ],
        },
      ],
    }
    const spawn = await decide('responses', codex, [{ kind: 'tools', tool: 'spawn_agent' }])
    expect(spawn.why).toBe('rule 1, tool "spawn_agent", matched tool spawn_agent in multi_agent_v1')
    const grouped = [{ kind: 'tools', tool: 'multi_agent_*' }]
    expect((await decide('responses', codex, grouped)).target).toEqual(HIT)
    expect((await decide('responses', codex, [{ kind: 'tools' }])).why).toBe(
      'rule 1, tools, matched 3 tools',
    )
    const missing = [{ kind: 'tools', tool: 'multi_agent_v1__spawn_agent' }]
    expect((await decide('responses', codex, missing)).target).toEqual(CATCH_ALL)
  })
})

describe('request features through the Responses dialect', () => {
  /** A Responses API request as Codex sends it: input items, reasoning, built-in web search. */
  const responses = {
    model: 'gpt-5-codex',
    instructions: 'You are a coding agent.',
    reasoning: { effort: 'high', summary: 'auto' },
    tools: [
      { type: 'function', name: 'shell', parameters: { type: 'object', properties: {} } },
      { type: 'web_search' },
    ],
    input: [
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Why does this screen look broken?' },
          { type: 'input_image', image_url: `data:image/png;base64,${PNG}` },
        ],
      },
    ],
  }

  it('reads reasoning.effort, the built-in web search tool and input images', async () => {
    expect((await decide('responses', responses, [{ kind: 'thinking' }])).why).toContain(
      'reasoning.effort high',
    )
    const web = [{ kind: 'tools', tool: 'web_search' }]
    expect((await decide('responses', responses, web)).why).toContain('matched tool web_search')
    expect((await decide('responses', responses, [{ kind: 'images' }])).target).toEqual(HIT)
    const minimal = { ...responses, reasoning: { effort: 'minimal' }, input: 'hi' }
    expect((await decide('responses', minimal, [{ kind: 'thinking' }])).target).toEqual(CATCH_ALL)
    expect((await decide('responses', minimal, [{ kind: 'images' }])).target).toEqual(CATCH_ALL)
  })
})

describe('context rule', () => {
  it('rejects a minTokens that is not a positive whole number, naming the field', () => {
    for (const minTokens of [0, -5, 1.5, '60000']) {
      const r = Rule.safeParse({ kind: 'context', minTokens, target: HIT })
      expect(r.success).toBe(false)
      expect(r.error!.issues[0]!.path).toEqual(['minTokens'])
    }
    expect(Rule.parse({ kind: 'context', minTokens: 60000, target: HIT })).toMatchObject({
      minTokens: 60000,
    })
  })

  it('matches a long prompt and says its estimated size', async () => {
    const long = {
      model: 'switchboard',
      messages: [{ role: 'user', content: 'word '.repeat(40_000) }],
    }
    const rules = [{ kind: 'context', minTokens: 20_000 }]
    const d = await decide('chat', long, rules)
    expect(d.target).toEqual(HIT)
    expect(d.why).toMatch(/^rule 1, context >= 20000 tokens, matched ~\d+ estimated prompt tokens$/)
    expect((await decide('chat', openaiReasoning, rules)).target).toEqual(CATCH_ALL)
  })
})

describe('request features are read only when a rule reaches them', () => {
  /** A chat body whose `tools` and `reasoning_effort` count how often they are read. */
  function countingBody(model: string) {
    const reads = { tools: 0, reasoning: 0 }
    const body: Record<string, unknown> = {
      model,
      messages: [{ role: 'user', content: 'hello' }],
    }
    Object.defineProperty(body, 'tools', {
      enumerable: true,
      get: () => (reads.tools++, [{ type: 'function', function: { name: 'read_file' } }]),
    })
    Object.defineProperty(body, 'reasoning_effort', {
      enumerable: true,
      get: () => (reads.reasoning++, 'high'),
    })
    return { body, reads }
  }
  const rules = [
    { kind: 'model', pattern: '*haiku*' },
    { kind: 'tools', tool: 'web_search' },
    { kind: 'tools', tool: 'read_file' },
    { kind: 'thinking' },
  ]

  /** Parses first (the boundary validates these fields), then counts only what routing reads. */
  function parsed(model: string) {
    const { body, reads } = countingBody(model)
    const inbound = parseInbound('chat', body)
    Object.assign(reads, { tools: 0, reasoning: 0 })
    return { inbound, reads }
  }

  it('skips every feature when an earlier rule matched', async () => {
    const { inbound, reads } = parsed('claude-3-5-haiku-latest')
    expect((await decideParsed(inbound, rules)).rule?.index).toBe(0)
    expect(reads).toEqual({ tools: 0, reasoning: 0 })
  })

  it('reads each feature once however many rules look at it, and none past the match', async () => {
    const { inbound, reads } = parsed('gpt-4o')
    expect((await decideParsed(inbound, rules)).rule?.index).toBe(2)
    expect(reads).toEqual({ tools: 1, reasoning: 0 })
  })
})
