import {
  at,
  byType,
  eachOf,
  issue,
  model,
  nullishArray,
  nullishBoolean,
  nullishNumber,
  nullishObject,
  nullishString,
  nullishStringOrObject,
  optionalString,
  requiredString,
  tokenCount,
} from './body-check.ts'

const text = (part: Record<string, unknown>, path: string) =>
  requiredString(part.text, at(path, 'text'), 'expected the text')
const contentPart = byType(
  { input_text: text, output_text: text },
  'expected a content part such as {"type": "input_text", "text": "..."}',
)

const ROLES = new Set(['user', 'assistant', 'system', 'developer'])
const CALL_ID = 'expected the call_id that pairs a call with its output'

// Items without a type are messages ("easy input messages"); reasoning and newer types pass.
const inputItem = byType(
  {
    message: (m, path) => {
      if (typeof m.role !== 'string' || !ROLES.has(m.role))
        issue(at(path, 'role'), 'expected "role" to be user, assistant, system or developer')
      const where = at(path, 'content')
      if (typeof m.content === 'string') return
      if (!Array.isArray(m.content))
        return issue(where, 'expected a string or an array of content parts')
      eachOf(m.content, where, contentPart)
    },
    function_call: (call, path) => {
      requiredString(call.call_id, at(path, 'call_id'), CALL_ID)
      requiredString(call.name, at(path, 'name'), 'expected the function name')
      optionalString(
        call.namespace,
        at(path, 'namespace'),
        'expected the namespace name as a string',
      )
      requiredString(
        call.arguments,
        at(path, 'arguments'),
        'expected the arguments as a JSON string',
      )
    },
    function_call_output: (out, path) => {
      requiredString(out.call_id, at(path, 'call_id'), CALL_ID)
      if (typeof out.output !== 'string' && !Array.isArray(out.output))
        issue(at(path, 'output'), 'expected the output as a string or an array of content parts')
    },
  },
  'expected an input item such as {"role": "user", "content": "..."}',
  { defaultType: 'message' },
)

function functionTool(t: Record<string, unknown>, path: string): void {
  requiredString(t.name, at(path, 'name'), 'expected the function name')
  nullishObject(t.parameters, at(path, 'parameters'), 'a JSON schema object')
}
const namespacedTool = byType({ function: functionTool }, 'expected a tool object')

const tool = byType(
  {
    function: functionTool,
    namespace: (ns, path) => {
      requiredString(ns.name, at(path, 'name'), 'expected the namespace name')
      const where = at(path, 'tools')
      if (!Array.isArray(ns.tools)) return issue(where, 'expected an array of function tools')
      eachOf(ns.tools, where, namespacedTool)
    },
  },
  'expected a tool such as {"type": "function", "name": "...", "parameters": {...}}',
)

/** The fields of an OpenAI Responses request that Switchboard reads or translates. */
export function checkOpenAIResponsesBody(body: Record<string, unknown>): void {
  model(body)
  const input = body.input
  if (typeof input !== 'string') {
    if (!Array.isArray(input))
      return issue('input', 'expected the conversation as a string or an array of input items')
    eachOf(input, 'input', inputItem)
  }
  nullishString(body.instructions, 'instructions', 'expected the instructions as a string')
  nullishArray(body.tools, 'tools', 'expected an array of tools', tool)
  nullishStringOrObject(
    body.tool_choice,
    'tool_choice',
    'expected "auto", "none", "required" or {"type": "function", "name": "..."}',
  )
  nullishBoolean(body.parallel_tool_calls, 'parallel_tool_calls')
  tokenCount(body.max_output_tokens, 'max_output_tokens')
  nullishObject(body.reasoning, 'reasoning', 'an object such as {"effort": "medium"}')
  nullishObject(body.text, 'text', 'an object such as {"format": {"type": "text"}}')
  nullishNumber(body.temperature, 'temperature')
  nullishNumber(body.top_p, 'top_p')
  nullishBoolean(body.store, 'store')
  nullishBoolean(body.stream, 'stream')
}
