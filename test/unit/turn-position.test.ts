import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { OpenAIMessage } from '../../src/main/core/providers/wire/openai.ts'
import type { AnthropicRequest } from '../../src/main/core/providers/wire/anthropic.ts'
import { anthropicToOpenAIChat } from '../../src/main/core/providers/translate/anthropic-request.ts'
import { isHumanMessage, turnPosition } from '../../src/main/core/routing/turn-position.ts'

interface ClientFixture {
  client: string
  route: 'chat' | 'completions'
  body: { messages?: OpenAIMessage[] }
}

const fixtureDir = new URL('../fixtures/clients/', import.meta.url)
const chats = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as ClientFixture)
  .filter((f) => f.route === 'chat')

// Where the turn of each recorded request began, read off the recordings by hand: the agents
// (Claude Code at its end, Cline, Kilo, Roo) are mid tool loop; the chat clients just got a question.
const lastHuman: Record<string, { index: number | 'last'; continued: boolean }> = {
  aider: { index: 'last', continued: false },
  'claude-code': { index: 'last', continued: false },
  cline: { index: 1, continued: true },
  continue: { index: 'last', continued: false },
  'copilot-style': { index: 1, continued: false },
  kilo: { index: 1, continued: true },
  roo: { index: 1, continued: true },
}

const scope = 'workspace-1\u0000switchboard'
const at = (messages: OpenAIMessage[]) => turnPosition({ messages }, scope)

describe('turn position on real client requests', () => {
  it('covers every chat fixture', () => {
    expect(chats.map((f) => f.client).sort()).toEqual(Object.keys(lastHuman).sort())
  })

  for (const fixture of chats) {
    it(`${fixture.client}: finds the human message that began the turn`, () => {
      const messages = fixture.body.messages!
      const expected = lastHuman[fixture.client]!
      const index = expected.index === 'last' ? messages.length - 1 : expected.index
      const position = at(messages)!
      expect(position.continued).toBe(expected.continued)
      // The turn's first request (up to its human message) has the same key as this one.
      const first = at(messages.slice(0, index + 1))!
      expect(first).toEqual({ key: position.key, continued: false })
      // Every request of the tool loop after it too.
      for (let end = index + 2; end <= messages.length; end++) {
        expect(at(messages.slice(0, end))).toEqual({ key: position.key, continued: true })
      }
    })
  }

  it('Claude Code: the tool loop before its last human message was another turn', () => {
    const messages = chats.find((f) => f.client === 'claude-code')!.body.messages!
    const toolLoop = at(messages.slice(0, -1))!
    expect(toolLoop.continued).toBe(true)
    expect(toolLoop.key).toBe(at(messages.slice(0, 2))!.key)
    expect(toolLoop.key).not.toBe(at(messages)!.key)
  })
})

describe('turn position through the Anthropic Messages shape', () => {
  const request = (extra: AnthropicRequest['messages']): AnthropicRequest => ({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: [{ type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." }],
    messages: [
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: '<system-reminder>\nThe user opened src/App.tsx in the IDE.\n</system-reminder>',
          },
          { type: 'text', text: 'Fix the bug in the header' },
        ],
      },
      ...extra,
    ],
  })
  const position = (extra: AnthropicRequest['messages']) =>
    turnPosition(anthropicToOpenAIChat(request(extra)), scope)!
  const readCall: AnthropicRequest['messages'][number] = {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Reading it.' },
      { type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: 'src/App.tsx' } },
    ],
  }

  it('a user turn of only tool_result blocks (and reminders beside them) continues the turn', () => {
    const first = position([])
    const next = position([
      readCall,
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01', content: 'export function App() {}' },
          {
            type: 'text',
            text: '<system-reminder>\nTodo list is empty.\n</system-reminder>',
          },
        ],
      },
    ])
    expect(first.continued).toBe(false)
    expect(next).toEqual({ key: first.key, continued: true })
  })

  it('words typed beside a tool result start a new turn', () => {
    const next = position([
      readCall,
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01', content: 'export function App() {}' },
          { type: 'text', text: 'Stop, look at the footer instead.' },
        ],
      },
    ])
    expect(next.continued).toBe(false)
    expect(next.key).not.toBe(position([]).key)
  })

  it('an assistant message last ("continue" after a cut-off answer) continues the turn', () => {
    expect(position([{ role: 'assistant', content: 'The header' }])).toEqual({
      key: position([]).key,
      continued: true,
    })
  })
})

describe('turn position edge cases', () => {
  const sys: OpenAIMessage = { role: 'system', content: 'You are a coding agent.' }
  const user = (content: OpenAIMessage['content']): OpenAIMessage =>
    ({ role: 'user', content }) as OpenAIMessage
  const assistant = (content: string): OpenAIMessage => ({ role: 'assistant', content })

  it('Cline: a tool result is no human message, feedback or an answer inside one is', () => {
    const task = user('<task>\nMake the button blue\n</task>')
    const result = user([
      { type: 'text', text: "[read_file for 'src/Button.tsx'] Result:" },
      { type: 'text', text: 'export function Button() {}' },
      { type: 'text', text: '<environment_details>\n# VSCode Open Tabs\n</environment_details>' },
    ])
    const noTool = user(
      '[ERROR] You did not use a tool in your previous response! Please retry with a tool use.',
    )
    const feedback = user([
      {
        type: 'text',
        text: '[attempt_completion] Result:\n\nThe user has provided feedback on the results.\n<feedback>\nDarker blue\n</feedback>',
      },
    ])
    const messages = [sys, task, assistant('<read_file>'), result, assistant('ok'), noTool]
    expect(messages.map((_, i) => isHumanMessage(messages, i))).toEqual([
      false,
      true,
      false,
      false,
      false,
      false,
    ])
    expect(at(messages)).toEqual({ key: at(messages.slice(0, 2))!.key, continued: true })
    const withFeedback = [...messages, assistant('<attempt_completion>'), feedback]
    expect(at(withFeedback)!.continued).toBe(false)
    expect(at(withFeedback)!.key).not.toBe(at(messages)!.key)
  })

  it('a harness-only user message is not human; a pasted picture is, unless it follows a tool result', () => {
    const image = { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }
    const reminder = user('<system-reminder>\nFiles changed.\n</system-reminder>')
    const fromTool: OpenAIMessage[] = [
      sys,
      user('Take a screenshot'),
      { role: 'assistant', content: null, tool_calls: [call('shot')] },
      { role: 'tool', tool_call_id: 'shot', content: '' },
      user([image]),
      reminder,
    ]
    expect(at(fromTool)).toEqual({ key: at(fromTool.slice(0, 2))!.key, continued: true })
    const pasted = [sys, user('Hi'), assistant('Hello'), user([image])]
    expect(at(pasted)!.continued).toBe(false)
    expect(at(pasted)!.key).not.toBe(at(pasted.slice(0, 2))!.key)
  })

  it('the same words later in the conversation start a new turn; changed reminders do not', () => {
    const base = [sys, user('Fix the tests'), assistant('Fixed two.'), user('continue')]
    const later = [...base, assistant('Fixed three more.'), user('continue')]
    expect(at(later)!.key).not.toBe(at(base)!.key)
    const reminded = [
      ...base.slice(0, 3),
      user('<system-reminder>\nA file changed.\n</system-reminder>\ncontinue'),
    ]
    expect(at(reminded)!.key).toBe(at(base)!.key)
  })

  it('another conversation, workspace or requested model never shares the turn', () => {
    const messages = [sys, user('Fix the bug in src/App.tsx')]
    const other = [sys, user('Fix the bug in src/Other.tsx'), assistant('Done'), messages[1]!]
    const key = at(messages)!.key
    expect(at(other)!.key).not.toBe(key)
    expect(turnPosition({ messages }, 'workspace-2\u0000switchboard')!.key).not.toBe(key)
    expect(turnPosition({ messages }, 'workspace-1\u0000claude-haiku-4-5')!.key).not.toBe(key)
  })

  it('sessions in two projects that open with the same ask keep their own turns', () => {
    const opening = (project: string) =>
      user(`<system-reminder>\nWorking in ${project}.\n</system-reminder>\nFix the failing test`)
    const a = [sys, opening('/src/shop')]
    const b = [sys, opening('/src/blog')]
    expect(at(a)!.key).not.toBe(at(b)!.key)
    // Without harness text, the same opening ask in the same system prompt is the same turn.
    expect(at([sys, user('Fix the failing test')])!.key).toBe(
      at([sys, user('Fix the failing test')])!.key,
    )
  })

  it('a conversation without a human message has no turn', () => {
    expect(at([sys, { role: 'tool', tool_call_id: 'x', content: 'hi' }])).toBeNull()
  })
})

function call(id: string) {
  return { id, type: 'function' as const, function: { name: 'screenshot', arguments: '{}' } }
}
