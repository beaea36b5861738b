import { z } from 'zod'
import { anyObject, byType, optionalBoolean, optionalNumber, tokenCount } from './wire-schema.ts'

const textBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string({ error: 'expected the text' }),
})

const source = anyObject('a source object such as {"type": "base64", ...}')
// thinking, redacted_thinking, server tool blocks and newer types pass through.
const block = byType(
  {
    text: textBlock,
    image: z.looseObject({ source }),
    document: z.looseObject({ source }),
    tool_use: z.looseObject({
      id: z.string({ error: 'expected the tool use id' }),
      name: z.string({ error: 'expected the tool name' }),
    }),
    tool_result: z.looseObject({
      tool_use_id: z.string({ error: 'expected the id of the tool use this answers' }),
      content: z
        .union([z.string(), z.array(z.unknown())], {
          error: 'expected a string or an array of blocks',
        })
        .optional(),
    }),
  },
  'expected a content block such as {"type": "text", "text": "..."}',
)

const message = z.looseObject(
  {
    role: z.enum(['user', 'assistant', 'system'], {
      error: 'expected "role" to be user or assistant',
    }),
    content: z
      .union([z.string(), z.array(z.unknown())], {
        error: 'expected a string or an array of content blocks',
      })
      .pipe(z.union([z.string(), z.array(block)])),
  },
  { error: 'expected a message object such as {"role": "user", "content": "..."}' },
)

const customTool = z.looseObject({
  name: z.string({ error: 'expected the tool name' }),
  input_schema: anyObject('a JSON schema object'),
})
// Server tools (web search, bash, text editor ...) carry a versioned type and pass through.
const tool = byType(
  { custom: customTool },
  'expected a tool such as {"name": "...", "input_schema": {...}}',
  { defaultType: 'custom' },
)

/** The fields of an Anthropic Messages request that Switchboard reads or translates. */
export const anthropicMessagesSchema = z.looseObject(
  {
    model: z.string({ error: 'expected a model name such as "switchboard"' }).optional(),
    messages: z
      .array(z.unknown(), { error: 'expected a non-empty array of {role, content} messages' })
      .min(1, { error: 'expected a non-empty array of {role, content} messages' })
      .pipe(z.array(message)),
    system: z
      .union([z.string(), z.array(z.unknown())], {
        error: 'expected a string or an array of text blocks',
      })
      .pipe(
        z.union([
          z.string(),
          z.array(
            byType(
              { text: textBlock },
              'expected a text block such as {"type": "text", "text": "..."}',
              { strict: true },
            ),
          ),
        ]),
      )
      .optional(),
    max_tokens: tokenCount,
    tools: z.array(tool, { error: 'expected an array of tools' }).optional(),
    tool_choice: anyObject('an object such as {"type": "auto"}').optional(),
    stop_sequences: z.array(z.string(), { error: 'expected an array of strings' }).optional(),
    thinking: anyObject('an object such as {"type": "enabled", "budget_tokens": 1024}').optional(),
    temperature: optionalNumber,
    top_p: optionalNumber,
    top_k: optionalNumber,
    stream: optionalBoolean,
  },
  { error: 'expected the request body to be a JSON object' },
)
