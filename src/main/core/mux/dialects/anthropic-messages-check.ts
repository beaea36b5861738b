import {
  at,
  byType,
  eachOf,
  isObject,
  issue,
  messages,
  model,
  nullishBoolean,
  nullishNumber,
  optionalObject,
  requiredString,
  tokenCount,
} from './body-check.ts'

const text = (block: Record<string, unknown>, path: string) =>
  requiredString(block.text, at(path, 'text'), 'expected the text')

const SOURCE = 'a source object such as {"type": "base64", ...}'
const source = (block: Record<string, unknown>, path: string) => {
  if (!isObject(block.source)) issue(at(path, 'source'), `expected ${SOURCE}`)
}

// thinking, redacted_thinking, server tool blocks and newer types pass through.
const block = byType(
  {
    text,
    image: source,
    document: source,
    tool_use: (b, path) => {
      requiredString(b.id, at(path, 'id'), 'expected the tool use id')
      requiredString(b.name, at(path, 'name'), 'expected the tool name')
    },
    tool_result: (b, path) => {
      requiredString(
        b.tool_use_id,
        at(path, 'tool_use_id'),
        'expected the id of the tool use this answers',
      )
      if (b.content !== undefined && typeof b.content !== 'string' && !Array.isArray(b.content))
        issue(at(path, 'content'), 'expected a string or an array of blocks')
    },
  },
  'expected a content block such as {"type": "text", "text": "..."}',
)

const ROLES = new Set(['user', 'assistant', 'system'])

function message(m: unknown, path: string): void {
  if (!isObject(m))
    return issue(path, 'expected a message object such as {"role": "user", "content": "..."}')
  if (typeof m.role !== 'string' || !ROLES.has(m.role))
    issue(at(path, 'role'), 'expected "role" to be user or assistant')
  const where = at(path, 'content')
  if (typeof m.content === 'string') return
  if (!Array.isArray(m.content))
    return issue(where, 'expected a string or an array of content blocks')
  eachOf(m.content, where, block)
}

const systemBlock = byType(
  { text },
  'expected a text block such as {"type": "text", "text": "..."}',
  { strict: true },
)

// Server tools (web search, bash, text editor ...) carry a versioned type and pass through.
const tool = byType(
  {
    custom: (t, path) => {
      requiredString(t.name, at(path, 'name'), 'expected the tool name')
      if (!isObject(t.input_schema))
        issue(at(path, 'input_schema'), 'expected a JSON schema object')
    },
  },
  'expected a tool such as {"name": "...", "input_schema": {...}}',
  { defaultType: 'custom' },
)

/** The fields of an Anthropic Messages request that Switchboard reads or translates. */
export function checkAnthropicMessagesBody(body: Record<string, unknown>): void {
  model(body)
  messages(body, message)
  const system = body.system
  if (system !== undefined && typeof system !== 'string') {
    if (!Array.isArray(system))
      return issue('system', 'expected a string or an array of text blocks')
    eachOf(system, 'system', systemBlock)
  }
  tokenCount(body.max_tokens, 'max_tokens')
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return issue('tools', 'expected an array of tools')
    eachOf(body.tools, 'tools', tool)
  }
  optionalObject(body.tool_choice, 'tool_choice', 'an object such as {"type": "auto"}')
  const stops = body.stop_sequences
  if (stops !== undefined) {
    if (!Array.isArray(stops)) return issue('stop_sequences', 'expected an array of strings')
    eachOf(stops, 'stop_sequences', (s, path) => requiredString(s, path, 'expected a string'))
  }
  optionalObject(
    body.thinking,
    'thinking',
    'an object such as {"type": "enabled", "budget_tokens": 1024}',
  )
  nullishNumber(body.temperature, 'temperature')
  nullishNumber(body.top_p, 'top_p')
  nullishNumber(body.top_k, 'top_k')
  nullishBoolean(body.stream, 'stream')
}
