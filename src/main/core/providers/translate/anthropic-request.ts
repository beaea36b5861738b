// Chat requests between OpenAI Chat Completions and Anthropic Messages, both directions. Pure:
// no I/O, no clock. Every choice that drops information is listed in docs/translation.md.

import type {
  AnthropicCacheControl,
  AnthropicContentBlock,
  AnthropicImageBlock,
  AnthropicMessage,
  AnthropicRequest,
  AnthropicTextBlock,
  AnthropicTool,
  AnthropicToolChoice,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from '../wire/anthropic.ts'
import type {
  OpenAIChatRequest,
  OpenAIContentPart,
  OpenAIMessage,
  OpenAITool,
  OpenAIToolCall,
  OpenAIToolChoice,
} from '../wire/openai.ts'

/**
 * max_tokens sent to Anthropic when the OpenAI client set none (Anthropic requires it). 8192 is
 * accepted by every current Claude model and rarely cuts a code edit short.
 */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 8192

/** Key that carries tool arguments which were not a JSON object, so they survive the trip. */
export const RAW_ARGUMENTS_KEY = '_raw_arguments'

/** Parses OpenAI tool-call arguments into an Anthropic tool input (always a plain object). */
export function parseToolArguments(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {}
  try {
    const parsed: unknown = JSON.parse(raw)
    if (isPlainObject(parsed)) return parsed
  } catch {
    // fall through: a truncated or hallucinated argument string must not fail the whole request
  }
  return { [RAW_ARGUMENTS_KEY]: raw }
}

/** Serialises an Anthropic tool input back into OpenAI arguments, undoing parseToolArguments. */
export function stringifyToolInput(input: unknown): string {
  if (isPlainObject(input)) {
    const raw = input[RAW_ARGUMENTS_KEY]
    if (typeof raw === 'string' && Object.keys(input).length === 1) return raw
  }
  return JSON.stringify(input ?? {})
}

/** Translates an OpenAI chat request into an Anthropic Messages request for `model`. */
export function openAIChatToAnthropic(req: OpenAIChatRequest, model: string): AnthropicRequest {
  const system: AnthropicTextBlock[] = []
  const turns: { role: 'user' | 'assistant'; blocks: AnthropicContentBlock[] }[] = []
  // Anthropic requires alternating roles, so consecutive same-role turns become one.
  const append = (role: 'user' | 'assistant', blocks: AnthropicContentBlock[]): void => {
    if (blocks.length === 0) return
    const last = turns[turns.length - 1]
    if (last !== undefined && last.role === role) last.blocks.push(...blocks)
    else turns.push({ role, blocks })
  }
  // System messages after the first turn keep their boundaries as separate blocks.
  let midConversationSystem = false
  for (const m of req.messages) {
    if (m.role === 'system' || m.role === 'developer') {
      midConversationSystem ||= turns.length > 0
      system.push(...textBlocks(m.content))
    } else if (m.role === 'user') append('user', userBlocks(m.content))
    else if (m.role === 'assistant') append('assistant', assistantBlocks(m.content, m.tool_calls))
    else if (m.role === 'tool') append('user', [toolResultBlock(m.tool_call_id, m.content)])
  }
  trimFinalAssistantTurn(turns)

  const out: AnthropicRequest = {
    model,
    messages: turns.map(toAnthropicMessage),
    max_tokens: req.max_completion_tokens ?? req.max_tokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
  }
  if (system.length > 0) {
    const asBlocks = midConversationSystem || system.some((b) => b.cache_control != null)
    out.system = asBlocks ? system : system.map((b) => b.text).join('\n\n')
  }
  if (typeof req.temperature === 'number') {
    // OpenAI allows 0-2, Anthropic 0-1. Clamping keeps the common 0-1 values exact.
    out.temperature = Math.min(1, Math.max(0, req.temperature))
  } else if (typeof req.top_p === 'number') {
    // Current Claude models reject temperature and top_p together: temperature wins.
    out.top_p = req.top_p
  }
  const stop = typeof req.stop === 'string' ? [req.stop] : (req.stop ?? [])
  // Anthropic rejects whitespace-only stop sequences (e.g. "\n\n"); dropping beats a 400.
  const stopSequences = stop.filter((s) => typeof s === 'string' && s.trim() !== '')
  if (stopSequences.length > 0) out.stop_sequences = stopSequences
  if (req.stream === true) out.stream = true
  if (typeof req.user === 'string' && req.user !== '') out.metadata = { user_id: req.user }

  const tools = (req.tools ?? []).filter((t) => t.type === 'function' && t.function?.name)
  if (tools.length > 0) {
    out.tools = tools.map(toAnthropicTool)
    const choice = toAnthropicToolChoice(req.tool_choice, req.parallel_tool_calls === false)
    if (choice !== undefined) out.tool_choice = choice
  }
  return out
}

/** Translates an Anthropic Messages request (e.g. from Claude Code) into an OpenAI chat request. */
export function anthropicToOpenAIChat(req: AnthropicRequest): OpenAIChatRequest {
  const messages: OpenAIMessage[] = []
  const system = systemText(req.system)
  if (system !== '') messages.push({ role: 'system', content: system })
  const lastUser = req.messages.findLastIndex((m) => m.role === 'user')
  req.messages.forEach((m, i) => {
    if (m.role === 'system') {
      // A mid-conversation system message (Claude Code's environment block) keeps its place,
      // unless it asked to be shown only until the next user message and one has come.
      if (m.clear_at === 'next_user_message' && i < lastUser) return
      const text = systemText(m.content)
      if (text !== '') messages.push({ role: 'system', content: text })
    } else if (typeof m.content === 'string') {
      if (m.role === 'assistant') messages.push({ role: 'assistant', content: m.content })
      else messages.push({ role: 'user', content: m.content })
    } else if (m.role === 'assistant') {
      const assistant = toOpenAIAssistant(m.content)
      if (assistant !== null) messages.push(assistant)
    } else pushUserTurn(messages, m.content)
  })

  const out: OpenAIChatRequest = { model: req.model, messages, max_tokens: req.max_tokens }
  if (typeof req.temperature === 'number') out.temperature = req.temperature
  if (typeof req.top_p === 'number') out.top_p = req.top_p
  // top_k has no OpenAI equivalent and api.openai.com rejects unknown parameters: dropped.
  if (req.stop_sequences !== undefined && req.stop_sequences.length > 0) {
    out.stop = req.stop_sequences
  }
  if (req.stream === true) {
    out.stream = true
    // Anthropic clients expect token usage at the end of every stream.
    out.stream_options = { include_usage: true }
  }
  const user = req.metadata?.user_id
  if (typeof user === 'string' && user !== '') out.user = user

  const tools = (req.tools ?? []).filter(isClientTool)
  if (tools.length > 0) {
    out.tools = tools.map(toOpenAITool)
    const choice = req.tool_choice
    if (choice !== undefined) {
      out.tool_choice = toOpenAIToolChoice(choice)
      if (choice.type !== 'none' && choice.disable_parallel_tool_use === true) {
        out.parallel_tool_calls = false
      }
    }
  }
  return out
}

// ---- OpenAI -> Anthropic helpers

function textBlocks(
  content: string | OpenAIContentPart[] | null | undefined,
): AnthropicTextBlock[] {
  if (typeof content === 'string') return hasText(content) ? [{ type: 'text', text: content }] : []
  const out: AnthropicTextBlock[] = []
  for (const part of content ?? []) {
    const block = textBlockFromPart(part)
    if (block !== null) out.push(block)
  }
  return out
}

function textBlockFromPart(part: OpenAIContentPart): AnthropicTextBlock | null {
  const text = part.type === 'text' ? part.text : part.type === 'refusal' ? part.refusal : undefined
  if (typeof text !== 'string' || !hasText(text)) return null
  const block: AnthropicTextBlock = { type: 'text', text }
  // Some clients (Cline, OpenRouter users) mark prompt-cache breakpoints on parts: keep them.
  const cacheControl = (part as Record<string, unknown>).cache_control
  if (isPlainObject(cacheControl)) block.cache_control = cacheControl as AnthropicCacheControl
  return block
}

function userBlocks(content: string | OpenAIContentPart[]): AnthropicContentBlock[] {
  if (typeof content === 'string') return textBlocks(content)
  const out: AnthropicContentBlock[] = []
  for (const part of content) {
    if (part.type === 'image_url') {
      const url = (part.image_url as { url?: unknown } | undefined)?.url
      if (typeof url === 'string') out.push(imageFromUrl(url))
    } else {
      const block = textBlockFromPart(part)
      if (block !== null) out.push(block)
    }
  }
  return out
}

function assistantBlocks(
  content: string | OpenAIContentPart[] | null | undefined,
  toolCalls: OpenAIToolCall[] | undefined,
): AnthropicContentBlock[] {
  const text = textBlocks(content)
    .map((b) => b.text)
    .join('')
  const out: AnthropicContentBlock[] = text === '' ? [] : [{ type: 'text', text }]
  for (const call of toolCalls ?? []) {
    out.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseToolArguments(call.function.arguments ?? ''),
    })
  }
  return out
}

function toolResultBlock(
  toolCallId: string,
  content: string | OpenAIContentPart[],
): AnthropicToolResultBlock {
  const block: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: toolCallId }
  if (typeof content === 'string') {
    if (content !== '') block.content = content
    return block
  }
  const parts = userBlocks(content).filter(
    (b): b is AnthropicTextBlock | AnthropicImageBlock => b.type === 'text' || b.type === 'image',
  )
  if (parts.length > 0) block.content = parts
  return block
}

/** data: URLs become base64 sources (Anthropic cannot fetch them); anything else a url source. */
function imageFromUrl(url: string): AnthropicImageBlock {
  if (!url.startsWith('data:')) return { type: 'image', source: { type: 'url', url } }
  const comma = url.indexOf(',')
  const meta = comma === -1 ? '' : url.slice(5, comma)
  const payload = comma === -1 ? '' : url.slice(comma + 1)
  const mediaType = meta.split(';')[0] || 'image/png'
  let data = payload
  if (!meta.endsWith(';base64')) {
    let decoded = payload
    try {
      decoded = decodeURIComponent(payload)
    } catch {
      // malformed percent-encoding: encode the text as it stands
    }
    data = Buffer.from(decoded, 'utf8').toString('base64')
  }
  return { type: 'image', source: { type: 'base64', media_type: mediaType, data } }
}

function toAnthropicMessage(turn: {
  role: 'user' | 'assistant'
  blocks: AnthropicContentBlock[]
}): AnthropicMessage {
  let blocks = turn.blocks
  if (turn.role === 'user' && blocks.some((b) => b.type === 'tool_result')) {
    // Anthropic wants tool_result blocks before any other content of the user turn.
    blocks = [
      ...blocks.filter((b) => b.type === 'tool_result'),
      ...blocks.filter((b) => b.type !== 'tool_result'),
    ]
  }
  const only = blocks[0]
  if (blocks.length === 1 && only?.type === 'text' && only.cache_control == null) {
    return { role: turn.role, content: only.text }
  }
  return { role: turn.role, content: blocks }
}

/** A final assistant turn is a prefill, and Anthropic rejects one ending in whitespace. */
function trimFinalAssistantTurn(
  turns: { role: 'user' | 'assistant'; blocks: AnthropicContentBlock[] }[],
): void {
  const last = turns[turns.length - 1]
  if (last === undefined || last.role !== 'assistant') return
  const block = last.blocks[last.blocks.length - 1]
  if (block?.type !== 'text') return
  block.text = block.text.trimEnd()
  if (block.text === '') last.blocks.pop()
  if (last.blocks.length === 0) turns.pop()
}

function toAnthropicTool(tool: OpenAITool): AnthropicTool {
  const out: AnthropicTool = {
    name: tool.function.name,
    input_schema: tool.function.parameters ?? { type: 'object', properties: {} },
  }
  if (tool.function.description !== undefined) out.description = tool.function.description
  return out
}

function toAnthropicToolChoice(
  choice: OpenAIToolChoice | undefined,
  disableParallel: boolean,
): AnthropicToolChoice | undefined {
  let out: Exclude<AnthropicToolChoice, { type: 'none' }> | undefined
  if (choice === 'none') return { type: 'none' }
  if (choice === 'required') out = { type: 'any' }
  else if (typeof choice === 'object' && choice?.type === 'function') {
    out = { type: 'tool', name: choice.function.name }
  } else if (choice === 'auto' || disableParallel) out = { type: 'auto' }
  if (out !== undefined && disableParallel) out.disable_parallel_tool_use = true
  return out
}

// ---- Anthropic -> OpenAI helpers

function systemText(system: AnthropicRequest['system'] | AnthropicContentBlock[]): string {
  if (typeof system === 'string') return system
  if (!Array.isArray(system)) return ''
  return system
    .filter((b): b is AnthropicTextBlock => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text)
    .join('\n\n')
}

function toOpenAIAssistant(blocks: AnthropicContentBlock[]): OpenAIMessage | null {
  let text = ''
  const toolCalls: OpenAIToolCall[] = []
  for (const block of blocks) {
    if (block.type === 'text') text += block.text
    else if (block.type === 'tool_use') toolCalls.push(toOpenAIToolCall(block))
    // thinking and redacted_thinking are signed for Anthropic only: no OpenAI target can use them.
  }
  if (toolCalls.length > 0)
    return { role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls }
  return text === '' ? null : { role: 'assistant', content: text }
}

function toOpenAIToolCall(block: AnthropicToolUseBlock): OpenAIToolCall {
  return {
    id: block.id,
    type: 'function',
    function: { name: block.name, arguments: stringifyToolInput(block.input) },
  }
}

/** Tool results become `tool` messages, which OpenAI wants right after the assistant turn. */
function pushUserTurn(messages: OpenAIMessage[], blocks: AnthropicContentBlock[]): void {
  const parts: OpenAIContentPart[] = []
  for (const block of blocks) {
    if (block.type === 'tool_result') {
      const { text, images } = flattenToolResult(block)
      messages.push({ role: 'tool', tool_call_id: block.tool_use_id, content: text })
      // OpenAI tool messages carry text only; a screenshot still reaches a vision model this way.
      parts.push(...images)
    } else {
      const part = toOpenAIPart(block)
      if (part !== null) parts.push(part)
    }
  }
  if (parts.length === 0) return
  const only = parts[0]
  if (parts.length === 1 && only?.type === 'text' && typeof only.text === 'string') {
    messages.push({ role: 'user', content: only.text })
  } else messages.push({ role: 'user', content: parts })
}

function flattenToolResult(block: AnthropicToolResultBlock): {
  text: string
  images: OpenAIContentPart[]
} {
  const texts: string[] = []
  const images: OpenAIContentPart[] = []
  if (typeof block.content === 'string') texts.push(block.content)
  else {
    for (const inner of block.content ?? []) {
      const part = toOpenAIPart(inner)
      if (part === null) continue
      if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text)
      else images.push(part)
    }
  }
  const text = texts.join('\n')
  return { text: block.is_error === true ? `Error: ${text}` : text, images }
}

function toOpenAIPart(block: AnthropicContentBlock): OpenAIContentPart | null {
  if (block.type === 'text') return { type: 'text', text: block.text }
  if (block.type === 'image') {
    const src = block.source
    if (src.type === 'base64') {
      return { type: 'image_url', image_url: { url: `data:${src.media_type};base64,${src.data}` } }
    }
    if (src.type === 'url') return { type: 'image_url', image_url: { url: src.url } }
    return null // Files API ids mean nothing outside Anthropic
  }
  if (block.type === 'document' && block.source.type === 'text') {
    const data = block.source.data
    return typeof data === 'string' ? { type: 'text', text: data } : null
  }
  return null
}

function isClientTool(tool: AnthropicTool): boolean {
  // Server tools (web_search_…, bash_…, text_editor_…) run inside Anthropic; nothing can run them.
  return (tool.type === undefined || tool.type === 'custom') && typeof tool.name === 'string'
}

function toOpenAITool(tool: AnthropicTool): OpenAITool {
  const out: OpenAITool = {
    type: 'function',
    function: {
      name: tool.name,
      parameters: tool.input_schema ?? { type: 'object', properties: {} },
    },
  }
  if (tool.description !== undefined) out.function.description = tool.description
  return out
}

function toOpenAIToolChoice(choice: AnthropicToolChoice): OpenAIToolChoice {
  if (choice.type === 'any') return 'required'
  if (choice.type === 'none') return 'none'
  if (choice.type === 'tool') return { type: 'function', function: { name: choice.name } }
  return 'auto'
}

// ---- shared

function hasText(text: string): boolean {
  // Anthropic rejects text blocks that are empty or whitespace only.
  return text.trim() !== ''
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
