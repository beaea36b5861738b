import type Anthropic from '@anthropic-ai/sdk'
import type OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Decision } from '../../src/shared/activity.ts'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
})
afterAll(() => w.close())
beforeEach(async () => {
  await w.t.core.api.setWorkspaceOptions({ name: 'default', holdDecisionForTurn: true })
  await w.t.core.api.setRules({
    name: 'default',
    rules: [
      {
        kind: 'filename',
        pattern: '.tsx',
        target: { provider: 'claude', model: 'claude-sonnet-4-5' },
      },
    ],
  })
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: {
      target: { provider: 'oai', model: 'gpt-4o-mini' },
      fallbacks: [{ provider: 'local', model: 'llama3.2' }],
    },
  })
  w.openaiUp.behaviour.failWith = undefined
})

type Msg = OpenAI.ChatCompletionMessageParam
let conversation = 0
/** A tool loop of an agent: the human asks, the agent reads src/App.tsx, then the human asks again. */
function openaiLoop() {
  const system: Msg = {
    role: 'system',
    content: `You are a coding agent. Session ${++conversation}.`,
  }
  const ask: Msg = { role: 'user', content: 'Fix the bug in the header.' }
  const read: Msg = {
    role: 'assistant',
    content: null,
    tool_calls: [
      {
        id: 'call_1',
        type: 'function',
        function: { name: 'read_file', arguments: '{"path":"src/App.tsx"}' },
      },
    ],
  }
  const result: Msg = { role: 'tool', tool_call_id: 'call_1', content: 'export function App() {}' }
  const first = [system, ask]
  const continued = [...first, read, result]
  const nextHuman = [
    ...continued,
    { role: 'assistant', content: 'Fixed.' } as Msg,
    { role: 'user', content: 'Now tidy src/Header.tsx as well.' } as Msg,
  ]
  return { first, continued, nextHuman }
}
const tools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'read_file',
      parameters: { type: 'object', properties: { path: { type: 'string' } } },
    },
  },
]
const chat = (messages: Msg[], model = 'switchboard') =>
  w.openai.chat.completions.create({ model, messages, tools }).withResponse()

const turnHeaders = (response: Response) => ({
  provider: response.headers.get('x-switchboard-provider'),
  rule: response.headers.get('x-switchboard-rule'),
  turn: response.headers.get('x-switchboard-turn'),
  decidedAt: response.headers.get('x-switchboard-turn-decided-at'),
})

describe('a decision holds for a whole turn (official openai client)', () => {
  it('keeps the turn on its model though a tool call carries a .tsx file; the next human message decides afresh', async () => {
    const loop = openaiLoop()
    const first = turnHeaders((await chat(loop.first)).response)
    expect(first).toMatchObject({ provider: 'oai', rule: 'catch-all', turn: 'new' })
    expect(Date.parse(first.decidedAt!)).toBeGreaterThan(Date.now() - 60_000)

    const continued = turnHeaders((await chat(loop.continued)).response)
    expect(continued).toEqual({ ...first, turn: 'continued' })
    expect(w.openaiUp.bodies().at(-1)!.messages).toHaveLength(4)

    const next = turnHeaders((await chat(loop.nextHuman)).response)
    expect(next).toMatchObject({ provider: 'claude', rule: 'filename ".tsx"', turn: 'new' })
    expect(next.decidedAt).not.toBe(first.decidedAt)

    const [nextEntry, continuedEntry, firstEntry] = await loggedRequests(w.t)
    expect(firstEntry!.turn).toEqual({ continued: false, decidedAt: first.decidedAt })
    expect(continuedEntry).toMatchObject({
      provider: 'oai',
      rule: 'catch-all',
      files: ['src/App.tsx'],
      turn: { continued: true, decidedAt: first.decidedAt },
    })
    expect(nextEntry!.turn).toEqual({ continued: false, decidedAt: next.decidedAt })
  })

  it('with the setting off, every request is decided on its own as before', async () => {
    await w.t.core.api.setWorkspaceOptions({ name: 'default', holdDecisionForTurn: false })
    const loop = openaiLoop()
    const first = turnHeaders((await chat(loop.first)).response)
    expect(first).toEqual({ provider: 'oai', rule: 'catch-all', turn: null, decidedAt: null })
    const continued = turnHeaders((await chat(loop.continued)).response)
    expect(continued).toMatchObject({ provider: 'claude', rule: 'filename ".tsx"', turn: null })
    expect((await loggedRequests(w.t))[0]!.turn).toBeNull()
  })

  it('decides afresh when the rules changed since the turn was decided', async () => {
    const loop = openaiLoop()
    await chat(loop.first)
    const rules = (await w.t.core.api.getWorkspace({ name: 'default' })).rules
    await w.t.core.api.setRules({ name: 'default', rules })
    const continued = turnHeaders((await chat(loop.continued)).response)
    expect(continued).toMatchObject({ provider: 'claude', turn: 'new' })
  })

  it('a continuation still falls back when the turn target fails', async () => {
    const loop = openaiLoop()
    await chat(loop.first)
    w.openaiUp.behaviour.failWith = 503
    const { response } = await chat(loop.continued)
    expect(turnHeaders(response)).toMatchObject({ provider: 'local', turn: 'continued' })
    expect(response.headers.get('x-switchboard-fallbacks-tried')).toBe('1')
  })

  it('a background request on another model in the same conversation neither reuses nor replaces the turn', async () => {
    const loop = openaiLoop()
    await chat(loop.first)
    const background = turnHeaders((await chat(loop.continued, 'claude-haiku-4-5')).response)
    expect(background).toMatchObject({ provider: 'claude', turn: 'new' })
    const continued = turnHeaders((await chat(loop.continued)).response)
    expect(continued).toMatchObject({ provider: 'oai', turn: 'continued' })
  })

  it('route preview reads the turn store and never writes it', async () => {
    const preview = async (messages: Msg[]): Promise<Decision> =>
      (await w.t
        .api('/route-preview', {
          method: 'POST',
          body: JSON.stringify({ body: { model: 'switchboard', messages, tools } }),
        })
        .then((r) => r.json())) as Decision

    const loop = openaiLoop()
    const first = turnHeaders((await chat(loop.first)).response)
    const held = await preview(loop.continued)
    expect(held).toMatchObject({
      target: { provider: 'oai', model: 'gpt-4o-mini' },
      turn: { continued: true, decidedAt: first.decidedAt },
    })

    // A turn only previewed is not remembered: its continuation is decided on its own.
    const other = openaiLoop()
    expect((await preview(other.first)).turn).toMatchObject({ continued: false })
    const continued = turnHeaders((await chat(other.continued)).response)
    expect(continued).toMatchObject({ provider: 'claude', turn: 'new' })
  })
})

describe('a decision holds for a whole turn (official Anthropic client, as Claude Code)', () => {
  it('keeps the turn through tool_use/tool_result; the next human message decides afresh', async () => {
    const system = `You are Claude Code. Session ${++conversation}.`
    const ask: Anthropic.MessageParam = {
      role: 'user',
      content: [
        { type: 'text', text: '<system-reminder>\nCLAUDE.md: run npm test.\n</system-reminder>' },
        { type: 'text', text: 'Fix the bug in the header.' },
      ],
    }
    const read: Anthropic.MessageParam = {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Reading the component.' },
        { type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: 'src/App.tsx' } },
      ],
    }
    const result: Anthropic.MessageParam = {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_01', content: 'export function App() {}' },
        { type: 'text', text: '<system-reminder>\nThe todo list is empty.\n</system-reminder>' },
      ],
    }
    const send = (messages: Anthropic.MessageParam[]) =>
      w.anthropic.messages
        .create({ model: 'claude-opus-4-1', max_tokens: 256, system, messages })
        .withResponse()

    const first = turnHeaders((await send([ask])).response)
    expect(first).toMatchObject({ provider: 'oai', rule: 'catch-all', turn: 'new' })
    const continued = turnHeaders((await send([ask, read, result])).response)
    expect(continued).toEqual({ ...first, turn: 'continued' })
    const next = turnHeaders(
      (
        await send([
          ask,
          read,
          result,
          { role: 'assistant', content: 'Fixed.' },
          { role: 'user', content: 'Now tidy src/Header.tsx as well.' },
        ])
      ).response,
    )
    expect(next).toMatchObject({ provider: 'claude', rule: 'filename ".tsx"', turn: 'new' })
  })
})
