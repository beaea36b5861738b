// OpenAI Responses requests as OpenAI chat requests, the canonical form the rules read and every
// outbound translator takes. Pure: no I/O, no clock. Every choice that drops information is listed
// in docs/translation.md.

import type {
  OpenAIChatRequest,
  OpenAIContentPart,
  OpenAIMessage,
  OpenAITool,
  OpenAIToolChoice,
} from '../wire/openai.ts'
import type {
  ResponsesContentPart,
  ResponsesRequest,
  ResponsesToolChoice,
} from '../wire/openai-responses.ts'
import { qualifiedToolName } from './responses-namespaces.ts'

/** A Responses request that is malformed or cannot be carried over; the caller answers 400. */
export class ResponsesTranslationError extends Error {
  readonly status = 400
  readonly param: string
  constructor(message: string, param: string) {
    super(message)
    this.name = 'ResponsesTranslationError'
    this.param = param
  }
}

const fail = (message: string, param: string): never => {
  throw new ResponsesTranslationError(message, param)
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

// Item types that only mean something to OpenAI's own servers (built-in tools, stored state):
// a chat target has nothing to carry them in, so they are left out of the conversation.
const DROPPED_ITEMS = new Set([
  'reasoning',
  'web_search_call',
  'file_search_call',
  'computer_call',
  'computer_call_output',
  'code_interpreter_call',
  'image_generation_call',
  'local_shell_call',
  'local_shell_call_output',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'mcp_call',
  'compaction',
])

/** Translates a Responses request into the chat request that means the same, for `model`. */
export function responsesToOpenAIChat(req: ResponsesRequest): OpenAIChatRequest {
  const messages: OpenAIMessage[] = []
  if (req.instructions != null) {
    if (typeof req.instructions !== 'string')
      fail('"instructions" must be a string.', 'instructions')
    if (req.instructions !== '') messages.push({ role: 'system', content: req.instructions })
  }
  messages.push(...inputMessages(req.input))

  const chat: OpenAIChatRequest = { model: req.model, messages: mergeLeadingSystem(messages) }
  if (req.stream === true) chat.stream = true
  const tools = functionTools(req.tools)
  if (tools.length > 0) {
    chat.tools = tools
    const choice = toolChoice(req.tool_choice)
    if (choice !== undefined) chat.tool_choice = choice
    if (typeof req.parallel_tool_calls === 'boolean')
      chat.parallel_tool_calls = req.parallel_tool_calls
  }
  if (req.max_output_tokens != null)
    chat.max_tokens = number(req.max_output_tokens, 'max_output_tokens')
  if (req.temperature != null) chat.temperature = number(req.temperature, 'temperature')
  if (req.top_p != null) chat.top_p = number(req.top_p, 'top_p')
  if (typeof req.reasoning?.effort === 'string') chat.reasoning_effort = req.reasoning.effort
  const format = responseFormat(req.text?.format)
  if (format) chat.response_format = format
  if (typeof req.user === 'string') chat.user = req.user
  return chat
}

function number(value: unknown, param: string): number {
  return typeof value === 'number' ? value : fail(`"${param}" must be a number.`, param)
}

function inputMessages(input: unknown): OpenAIMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }]
  if (!Array.isArray(input) || input.length === 0)
    fail('"input" must be a string or a non-empty array of input items.', 'input')
  const out: OpenAIMessage[] = []
  ;(input as unknown[]).forEach((item, i) => {
    const param = `input[${i}]`
    if (!isObject(item)) return fail(`${param} must be an object with a "type" or a "role".`, param)
    const type = item.type ?? 'message'
    if (type === 'message') out.push(message(item, param))
    else if (type === 'function_call') addToolCall(out, item, param)
    else if (type === 'function_call_output' || type === 'custom_tool_call_output')
      out.push(toolResult(item, param))
    else if (type === 'custom_tool_call')
      // A freeform tool call from an earlier native turn: its text input as a JSON argument.
      addToolCall(out, { ...item, arguments: JSON.stringify({ input: item.input ?? '' }) }, param)
    else if (type === 'item_reference')
      fail(
        `${param} is an item_reference; Switchboard keeps no stored items. Send the full item instead.`,
        param,
      )
    else if (typeof type !== 'string' || !DROPPED_ITEMS.has(type))
      fail(`${param} has an unknown type ${JSON.stringify(type)}.`, `${param}.type`)
  })
  return out
}

function message(item: Record<string, unknown>, param: string): OpenAIMessage {
  const role = item.role
  if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer')
    fail(`${param}.role must be "user", "assistant", "system" or "developer".`, `${param}.role`)
  const parts = contentParts(item.content, `${param}.content`)
  if (role === 'assistant') {
    const text = parts.map((p) => (p.type === 'text' ? p.text : '')).join('')
    return { role, content: text }
  }
  const content = parts.every((p) => p.type === 'text')
    ? parts.map((p) => (p as { text: string }).text).join('\n')
    : parts
  // Local chat templates know system, user, assistant and tool; developer means system there.
  return { role: role === 'developer' ? 'system' : role, content } as OpenAIMessage
}

function contentParts(content: unknown, param: string): OpenAIContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }]
  if (!Array.isArray(content))
    fail(`${param} must be a string or an array of content parts.`, param)
  return (content as unknown[]).map((raw, j): OpenAIContentPart => {
    const part = raw as ResponsesContentPart
    const at = `${param}[${j}]`
    if (!isObject(part)) return fail(`${at} must be an object with a "type".`, at)
    if (part.type === 'input_text' || part.type === 'output_text' || part.type === 'text') {
      if (typeof part.text !== 'string') fail(`${at}.text must be a string.`, `${at}.text`)
      return { type: 'text', text: part.text as string }
    }
    if (part.type === 'refusal') return { type: 'text', text: String(part.refusal ?? '') }
    if (part.type === 'input_image') {
      if (typeof part.image_url !== 'string')
        fail(
          `${at} needs an "image_url" (an https or data: URL); file_id images need OpenAI's file store.`,
          `${at}.image_url`,
        )
      const detail = part.detail
      return {
        type: 'image_url',
        image_url: {
          url: part.image_url as string,
          ...(detail === 'low' || detail === 'high' || detail === 'auto' ? { detail } : {}),
        },
      }
    }
    return fail(
      `${at} has type ${JSON.stringify(part.type)}, which only OpenAI's own API can read. Send text or images.`,
      `${at}.type`,
    )
  })
}

/** A function_call joins the assistant turn before it, so calls stay paired with their results. */
function addToolCall(out: OpenAIMessage[], item: Record<string, unknown>, param: string): void {
  if (typeof item.call_id !== 'string')
    fail(`${param}.call_id must be a string.`, `${param}.call_id`)
  if (typeof item.name !== 'string') fail(`${param}.name must be a string.`, `${param}.name`)
  const args = item.arguments ?? ''
  if (typeof args !== 'string')
    fail(`${param}.arguments must be a JSON string.`, `${param}.arguments`)
  if (item.namespace != null && typeof item.namespace !== 'string')
    fail(`${param}.namespace must be a string.`, `${param}.namespace`)
  const name =
    typeof item.namespace === 'string'
      ? qualifiedToolName(item.namespace, item.name as string)
      : (item.name as string)
  const call = {
    id: item.call_id as string,
    type: 'function' as const,
    function: { name, arguments: args as string },
  }
  const last = out.at(-1)
  if (last?.role === 'assistant') (last.tool_calls ??= []).push(call)
  else out.push({ role: 'assistant', content: null, tool_calls: [call] })
}

function toolResult(item: Record<string, unknown>, param: string): OpenAIMessage {
  if (typeof item.call_id !== 'string')
    fail(`${param}.call_id must be a string.`, `${param}.call_id`)
  const output = item.output
  let content: string
  if (typeof output === 'string') content = output
  else if (Array.isArray(output))
    // Chat tool messages carry text only; images in a tool output are left out.
    content = output
      .map((p: unknown) => (isObject(p) && typeof p.text === 'string' ? p.text : ''))
      .filter((t) => t !== '')
      .join('\n')
  else
    return fail(`${param}.output must be a string or an array of content parts.`, `${param}.output`)
  return { role: 'tool', tool_call_id: item.call_id as string, content }
}

/** Instructions and the system/developer items right after them become one system message. */
function mergeLeadingSystem(messages: OpenAIMessage[]): OpenAIMessage[] {
  let n = 0
  while (
    n < messages.length &&
    messages[n]!.role === 'system' &&
    typeof messages[n]!.content === 'string'
  )
    n++
  if (n < 2) return messages
  const joined = messages
    .slice(0, n)
    .map((m) => m.content as string)
    .join('\n\n')
  return [{ role: 'system', content: joined }, ...messages.slice(n)]
}

function functionTools(tools: unknown): OpenAITool[] {
  if (tools == null) return []
  if (!Array.isArray(tools)) return fail('"tools" must be an array of tool objects.', 'tools')
  const out: OpenAITool[] = []
  ;(tools as unknown[]).forEach((tool, i) => {
    if (!isObject(tool) || typeof tool.type !== 'string')
      return fail(`tools[${i}] must be an object with a "type".`, `tools[${i}].type`)
    if (tool.type === 'function') out.push(functionTool(tool, `tools[${i}]`))
    else if (tool.type === 'namespace') out.push(...namespaceTools(tool, `tools[${i}]`))
    // Built-in tools (web_search, file_search, local_shell, mcp…) run on OpenAI's side, and chat
    // has no freeform input for `custom` tools.
  })
  return out
}

function functionTool(
  tool: Record<string, unknown>,
  param: string,
  namespace?: string,
): OpenAITool {
  if (typeof tool.name !== 'string' || tool.name === '')
    fail(
      `${param}.name must be a string. Responses tools are flat: {type: "function", name, parameters}.`,
      `${param}.name`,
    )
  const name = tool.name as string
  const fn: OpenAITool['function'] = {
    name: namespace === undefined ? name : qualifiedToolName(namespace, name),
  }
  if (typeof tool.description === 'string') fn.description = tool.description
  if (isObject(tool.parameters)) fn.parameters = tool.parameters
  if (typeof tool.strict === 'boolean') fn.strict = tool.strict
  return { type: 'function', function: fn }
}

/** A namespace's functions, each under its qualified name, the namespace's description first. */
function namespaceTools(tool: Record<string, unknown>, param: string): OpenAITool[] {
  if (typeof tool.name !== 'string' || tool.name === '')
    fail(`${param}.name must be the namespace's name.`, `${param}.name`)
  if (!Array.isArray(tool.tools))
    fail(`${param}.tools must be an array of function tools.`, `${param}.tools`)
  const about = typeof tool.description === 'string' ? tool.description : ''
  return (tool.tools as unknown[]).flatMap((inner, j) => {
    if (!isObject(inner) || inner.type !== 'function') return []
    const fn = functionTool(inner, `${param}.tools[${j}]`, tool.name as string)
    if (about)
      fn.function.description = [about, fn.function.description].filter(Boolean).join('\n\n')
    return [fn]
  })
}

function toolChoice(choice: ResponsesToolChoice | undefined): OpenAIToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined
  if (choice === 'none' || choice === 'auto' || choice === 'required') return choice
  if (isObject(choice) && choice.type === 'function' && typeof choice.name === 'string') {
    const { name, namespace } = choice as { name: string; namespace?: unknown }
    const chatName = typeof namespace === 'string' ? qualifiedToolName(namespace, name) : name
    return { type: 'function', function: { name: chatName } }
  }
  if (typeof choice === 'string')
    return fail('"tool_choice" must be "none", "auto", "required" or an object.', 'tool_choice')
  // allowed_tools and built-in tool choices: the model may still pick among the function tools.
  return 'auto'
}

function responseFormat(format: unknown): OpenAIChatRequest['response_format'] {
  if (!isObject(format) || format.type === 'text') return undefined
  if (format.type === 'json_object') return { type: 'json_object' }
  if (format.type !== 'json_schema') return undefined
  if (!isObject(format.schema))
    fail('text.format.schema must be a JSON schema object.', 'text.format.schema')
  return {
    type: 'json_schema',
    json_schema: {
      name: typeof format.name === 'string' ? format.name : 'response',
      schema: format.schema,
      ...(typeof format.description === 'string' ? { description: format.description } : {}),
      ...(typeof format.strict === 'boolean' ? { strict: format.strict } : {}),
    },
  }
}
