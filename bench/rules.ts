// The cost of one routing decision by the workspace's rules: request signals (file names, request
// type, and the request features a reached rule reads) plus the rule walk, for 1, 10 and 100 mixed
// rules (filename, request type, requested model, context size, thinking, images, tools) that all
// miss, so every rule is evaluated, on an agent request of ~2k and ~200k prompt tokens. Variants
// run interleaved in rounds in one process, so the ratios compare like with like.
//
//   npm run bench:rules        ~15 s; prints the table and the ratios
import type { Rule } from '../src/shared/schemas.ts'
import { parseInbound, type InboundRequest } from '../src/main/core/mux/inbound.ts'
import { requestSignals } from '../src/main/core/mux/resolve-decision.ts'
import type { Classify } from '../src/main/core/personas/classifier.ts'
import { compileWorkspace, type CompiledWorkspace } from '../src/main/core/routing/compile-rules.ts'
import { decideByRules } from '../src/main/core/routing/decide.ts'
import { estimatePromptTokens } from '../src/main/core/routing/estimate-tokens.ts'
import type { OpenAIChatRequest } from '../src/main/core/providers/wire/openai.ts'

const ROUNDS = 7
const ROUND_MS = 250
const RULE_COUNTS = [1, 10, 100] as const
const CONTEXTS = { '2k': 2_000, '200k': 200_000 } as const

const noClassifier = (() => Promise.reject(new Error('no persona rules here'))) as Classify
const target = { provider: 'local', model: 'qwen2.5-coder:7b' }

/** The i-th rule of a mix that never matches the bench request, so the walk reaches the end. */
function missingRule(i: number): Rule {
  const kinds: Rule[] = [
    { kind: 'filename', pattern: `*.never${i}`, caseSensitive: false, requestType: 'any' },
    { kind: 'request-type', requestType: 'fim' },
    { kind: 'model', pattern: `*never-${i}*` },
    { kind: 'context', minTokens: 50_000_000 + i },
    { kind: 'thinking' },
    { kind: 'images' },
    { kind: 'tools', tool: `never_${i}` },
  ].map((r) => ({ ...r, target, fallbacks: [] }) as Rule)
  return kinds[i % kinds.length]!
}

function workspace(count: number): CompiledWorkspace {
  return compileWorkspace(
    {
      id: 'bench',
      name: 'bench',
      rules: Array.from({ length: count }, (_, i) => ({ ...missingRule(i), id: `r${i}` })),
      catchAll: { target: { provider: 'oai', model: 'gpt-4o' }, fallbacks: [] },
      holdDecisionForTurn: false,
      createdAt: '',
      updatedAt: '',
    },
    (id) => id,
  )
}

const FILE_LINES = Array.from(
  { length: 40 },
  (_, i) => `  const item${i} = await pool.request({ path: '/items/${i}' }) // fetch item ${i}`,
).join('\n')

/** An agent session as Claude Code sends it through the chat dialect: tools, reads, edits. */
function agentRequest(tokens: number): OpenAIChatRequest {
  const tools = ['read_file', 'edit_file', 'list_files', 'grep', 'bash', 'web_fetch'].map(
    (name) => ({
      type: 'function' as const,
      function: { name, parameters: { type: 'object', properties: { path: { type: 'string' } } } },
    }),
  )
  const body: OpenAIChatRequest = {
    model: 'claude-sonnet-4-6',
    stream: true,
    tools,
    messages: [{ role: 'system', content: 'You are an agent for software engineering tasks.' }],
  }
  for (let turn = 0; estimatePromptTokens(body) < tokens; turn++) {
    const path = `src/module${turn % 50}/worker${turn}.ts`
    body.messages.push(
      { role: 'user', content: `Look at ${path} and tell me why the pool leaks.` },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: `call_${turn}`,
            type: 'function',
            function: { name: 'read_file', arguments: JSON.stringify({ path }) },
          },
        ],
      },
      { role: 'tool', tool_call_id: `call_${turn}`, content: FILE_LINES },
      { role: 'assistant', content: `In \`${path}\` each request opens a connection.` },
    )
  }
  return body
}

/** One decision, as the mux makes it after parsing: signals, then the rules top-down. */
async function decideOnce(inbound: InboundRequest, ws: CompiledWorkspace): Promise<void> {
  const { ctx, classification } = requestSignals(inbound, noClassifier)
  const d = await decideByRules(ws, ctx, 0, classification)
  if (d.rule?.kind !== 'catch-all') throw new Error(`a rule matched: ${d.why}`)
}

/**
 * Runs `once` for ROUND_MS of wall time; returns CPU microseconds per call. CPU time, not wall
 * time, so other processes on a shared machine do not count against the variant that ran then.
 */
async function timeRound(once: () => Promise<unknown> | unknown): Promise<number> {
  let n = 0
  const start = performance.now()
  const cpu = process.cpuUsage()
  while (performance.now() - start < ROUND_MS) {
    for (let i = 0; i < 20; i++) await once()
    n += 20
  }
  const used = process.cpuUsage(cpu)
  return (used.user + used.system) / n
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0))

async function main(): Promise<void> {
  const inbounds = Object.fromEntries(
    Object.entries(CONTEXTS).map(([label, tokens]) => {
      const body = agentRequest(tokens)
      const json = JSON.stringify(body)
      const inbound = parseInbound('chat', JSON.parse(json))
      console.log(
        `${label} context: ${body.messages.length} messages, ${(json.length / 1024).toFixed(0)} KiB, ` +
          `~${estimatePromptTokens(body)} estimated tokens`,
      )
      return [label, inbound]
    }),
  ) as Record<keyof typeof CONTEXTS, InboundRequest>
  const workspaces = Object.fromEntries(RULE_COUNTS.map((n) => [n, workspace(n)])) as Record<
    number,
    CompiledWorkspace
  >
  const variants = Object.keys(CONTEXTS).flatMap((context) => {
    const inbound = inbounds[context as keyof typeof CONTEXTS]
    const chat = inbound.body as OpenAIChatRequest
    return [
      ...RULE_COUNTS.map((rules) => ({
        key: `${context}/${rules}`,
        run: () => decideOnce(inbound, workspaces[rules]!),
      })),
      // What a context rule adds when it is reached: the prompt token estimate alone.
      { key: `${context}/estimate`, run: () => estimatePromptTokens(chat) },
    ]
  })
  const samples = new Map<string, number[]>(variants.map((v) => [v.key, []]))
  for (const v of variants) await timeRound(v.run)
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of variants) samples.get(v.key)!.push(await timeRound(v.run))
  }
  const us = (context: string, what: number | 'estimate') =>
    median(samples.get(`${context}/${what}`)!)

  const columns = [...RULE_COUNTS, 'estimate'] as const
  const name = (c: (typeof columns)[number]) => (c === 'estimate' ? 'token estimate' : `${c} rules`)
  console.log('\nCPU µs per decision (median of %d rounds); every rule misses', ROUNDS)
  console.log('context  ' + columns.map((c) => name(c).padStart(16)).join(''))
  for (const context of Object.keys(CONTEXTS)) {
    console.log(context.padEnd(9) + columns.map((c) => fmt(us(context, c)).padStart(16)).join(''))
  }
  console.log('\nratios')
  for (const context of Object.keys(CONTEXTS)) {
    console.log(
      `  ${context}: 10 rules / 1 rule = ${(us(context, 10) / us(context, 1)).toFixed(2)}, ` +
        `100 rules / 1 rule = ${(us(context, 100) / us(context, 1)).toFixed(2)}`,
    )
  }
  for (const c of columns) {
    const ratio = us('200k', c) / us('2k', c)
    console.log(`  ${name(c)}: 200k context / 2k context = ${ratio.toFixed(2)}`)
  }
}

await main()
