import {
  at,
  byType,
  eachOf,
  isObject,
  issue,
  messages,
  nullishArray,
  model,
  nullishBoolean,
  nullishNumber,
  nullishObject,
  nullishString,
  nullishStringOrObject,
  optionalObject,
  optionalString,
  requiredString,
  stopStrings,
  tokenCount,
} from './body-check.ts'

const contentPart = byType(
  {
    text: (part, path) => requiredString(part.text, at(path, 'text'), 'expected the text'),
    image_url: (part, path) => {
      const image = part.image_url
      const where = at(path, 'image_url')
      if (!isObject(image)) return issue(where, 'expected {"url": "..."}')
      requiredString(image.url, at(where, 'url'), 'expected the image URL')
    },
  },
  'expected a content part such as {"type": "text", "text": "..."}',
)

function content(v: unknown, path: string): void {
  if (v == null || typeof v === 'string') return
  if (!Array.isArray(v)) return issue(path, 'expected a string or an array of content parts')
  eachOf(v, path, contentPart)
}

function toolCall(call: unknown, path: string): void {
  if (!isObject(call)) return issue(path, 'expected a tool call object')
  optionalString(call.id, at(path, 'id'), 'expected the tool call id')
  const fn = call.function
  const where = at(path, 'function')
  if (!isObject(fn)) return issue(where, 'expected {"name": "...", "arguments": "..."}')
  requiredString(fn.name, at(where, 'name'), 'expected the function name')
  optionalString(fn.arguments, at(where, 'arguments'), 'expected the arguments as a JSON string')
}

const ROLES = new Set(['system', 'developer', 'user', 'function', 'assistant', 'tool'])

function message(m: unknown, path: string): void {
  if (!isObject(m))
    return issue(path, 'expected a message object such as {"role": "user", "content": "..."}')
  if (typeof m.role !== 'string' || !ROLES.has(m.role))
    return issue(
      at(path, 'role'),
      'expected "role" to be system, developer, user, assistant or tool',
    )
  content(m.content, at(path, 'content'))
  if (m.role === 'assistant' && m.tool_calls != null) {
    const where = at(path, 'tool_calls')
    if (!Array.isArray(m.tool_calls)) return issue(where, 'expected an array of tool calls')
    eachOf(m.tool_calls, where, toolCall)
  }
  if (m.role === 'tool')
    requiredString(
      m.tool_call_id,
      at(path, 'tool_call_id'),
      'expected the id of the tool call this answers',
    )
}

const tool = byType(
  {
    function: (t, path) => {
      const fn = t.function
      const where = at(path, 'function')
      if (!isObject(fn)) return issue(where, 'expected {"name": "...", "parameters": {...}}')
      requiredString(fn.name, at(where, 'name'), 'expected the function name')
      optionalObject(fn.parameters, at(where, 'parameters'), 'a JSON schema object')
    },
  },
  'expected a tool such as {"type": "function", "function": {"name": "..."}}',
)

/** The fields of an OpenAI chat completions request that Switchboard reads or translates. */
export function checkOpenAIChatBody(body: Record<string, unknown>): void {
  model(body)
  messages(body, message)
  nullishArray(body.tools, 'tools', 'expected an array of tools', tool)
  nullishStringOrObject(
    body.tool_choice,
    'tool_choice',
    'expected "auto", "none", "required" or {"type": "function", ...}',
  )
  stopStrings(body.stop, 'stop')
  tokenCount(body.max_tokens, 'max_tokens')
  tokenCount(body.max_completion_tokens, 'max_completion_tokens')
  nullishNumber(body.temperature, 'temperature')
  nullishNumber(body.top_p, 'top_p')
  nullishBoolean(body.stream, 'stream')
  nullishObject(body.stream_options, 'stream_options', 'an object such as {"include_usage": true}')
  nullishObject(
    body.response_format,
    'response_format',
    'an object such as {"type": "json_object"}',
  )
  nullishString(body.reasoning_effort, 'reasoning_effort', 'expected "low", "medium" or "high"')
}
