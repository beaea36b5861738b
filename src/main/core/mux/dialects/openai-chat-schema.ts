import { z } from 'zod'
import {
  anyObject,
  byType,
  optionalBoolean,
  optionalNumber,
  stopStrings,
  tokenCount,
} from './wire-schema.ts'

const contentPart = byType(
  {
    text: z.looseObject({ text: z.string({ error: 'expected the text' }) }),
    image_url: z.looseObject({
      image_url: z.looseObject(
        { url: z.string({ error: 'expected the image URL' }) },
        { error: 'expected {"url": "..."}' },
      ),
    }),
  },
  'expected a content part such as {"type": "text", "text": "..."}',
)

const content = z
  .union([z.string(), z.array(z.unknown())], {
    error: 'expected a string or an array of content parts',
  })
  .nullish()
  .pipe(z.union([z.string(), z.array(contentPart)]).nullish())

const toolCall = z.looseObject(
  {
    id: z.string({ error: 'expected the tool call id' }).optional(),
    function: z.looseObject(
      {
        name: z.string({ error: 'expected the function name' }),
        arguments: z.string({ error: 'expected the arguments as a JSON string' }).optional(),
      },
      { error: 'expected {"name": "...", "arguments": "..."}' },
    ),
  },
  { error: 'expected a tool call object' },
)

const message = z.discriminatedUnion(
  'role',
  [
    z.looseObject({ role: z.enum(['system', 'developer', 'user', 'function']), content }),
    z.looseObject({
      role: z.literal('assistant'),
      content,
      tool_calls: z.array(toolCall, { error: 'expected an array of tool calls' }).nullish(),
    }),
    z.looseObject({
      role: z.literal('tool'),
      content,
      tool_call_id: z.string({ error: 'expected the id of the tool call this answers' }),
    }),
  ],
  {
    error: (issue) =>
      issue.input === null || typeof issue.input !== 'object'
        ? 'expected a message object such as {"role": "user", "content": "..."}'
        : 'expected "role" to be system, developer, user, assistant or tool',
  },
)

const tool = byType(
  {
    function: z.looseObject({
      function: z.looseObject(
        {
          name: z.string({ error: 'expected the function name' }),
          parameters: anyObject('a JSON schema object').optional(),
        },
        { error: 'expected {"name": "...", "parameters": {...}}' },
      ),
    }),
  },
  'expected a tool such as {"type": "function", "function": {"name": "..."}}',
)

/** The fields of an OpenAI chat completions request that Switchboard reads or translates. */
export const openAIChatSchema = z.looseObject(
  {
    model: z.string({ error: 'expected a model name such as "switchboard"' }).optional(),
    messages: z
      .array(message, { error: 'expected a non-empty array of {role, content} messages' })
      .min(1, { error: 'expected a non-empty array of {role, content} messages' }),
    tools: z.array(tool, { error: 'expected an array of tools' }).nullish(),
    tool_choice: z
      .union([z.string(), anyObject('an object')], {
        error: 'expected "auto", "none", "required" or {"type": "function", ...}',
      })
      .nullish(),
    stop: stopStrings,
    max_tokens: tokenCount,
    max_completion_tokens: tokenCount,
    temperature: optionalNumber,
    top_p: optionalNumber,
    stream: optionalBoolean,
    stream_options: anyObject('an object such as {"include_usage": true}').nullish(),
    response_format: anyObject('an object such as {"type": "json_object"}').nullish(),
    reasoning_effort: z.string({ error: 'expected "low", "medium" or "high"' }).nullish(),
  },
  { error: 'expected the request body to be a JSON object' },
)
