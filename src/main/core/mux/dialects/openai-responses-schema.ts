import { z } from 'zod'
import { anyObject, byType, optionalBoolean, optionalNumber, tokenCount } from './wire-schema.ts'

const text = z.looseObject({ text: z.string({ error: 'expected the text' }) })
const contentPart = byType(
  { input_text: text, output_text: text },
  'expected a content part such as {"type": "input_text", "text": "..."}',
)

const message = z.looseObject({
  role: z.enum(['user', 'assistant', 'system', 'developer'], {
    error: 'expected "role" to be user, assistant, system or developer',
  }),
  content: z
    .union([z.string(), z.array(z.unknown())], {
      error: 'expected a string or an array of content parts',
    })
    .pipe(z.union([z.string(), z.array(contentPart)])),
})

const callId = z.string({ error: 'expected the call_id that pairs a call with its output' })
// Items without a type are messages ("easy input messages"); reasoning and newer types pass.
const inputItem = byType(
  {
    message,
    function_call: z.looseObject({
      call_id: callId,
      name: z.string({ error: 'expected the function name' }),
      namespace: z.string({ error: 'expected the namespace name as a string' }).optional(),
      arguments: z.string({ error: 'expected the arguments as a JSON string' }),
    }),
    function_call_output: z.looseObject({
      call_id: callId,
      output: z.union([z.string(), z.array(z.unknown())], {
        error: 'expected the output as a string or an array of content parts',
      }),
    }),
  },
  'expected an input item such as {"role": "user", "content": "..."}',
  { defaultType: 'message' },
)

const functionTool = z.looseObject({
  name: z.string({ error: 'expected the function name' }),
  parameters: anyObject('a JSON schema object').nullish(),
})
const tool = byType(
  {
    function: functionTool,
    namespace: z.looseObject({
      name: z.string({ error: 'expected the namespace name' }),
      tools: z.array(byType({ function: functionTool }, 'expected a tool object'), {
        error: 'expected an array of function tools',
      }),
    }),
  },
  'expected a tool such as {"type": "function", "name": "...", "parameters": {...}}',
)

/** The fields of an OpenAI Responses request that Switchboard reads or translates. */
export const openAIResponsesSchema = z.looseObject(
  {
    model: z.string({ error: 'expected a model name such as "switchboard"' }).optional(),
    input: z.union([z.string(), z.array(inputItem)], {
      error: 'expected the conversation as a string or an array of input items',
    }),
    instructions: z.string({ error: 'expected the instructions as a string' }).nullish(),
    tools: z.array(tool, { error: 'expected an array of tools' }).nullish(),
    tool_choice: z
      .union([z.string(), anyObject('an object')], {
        error: 'expected "auto", "none", "required" or {"type": "function", "name": "..."}',
      })
      .nullish(),
    parallel_tool_calls: optionalBoolean,
    max_output_tokens: tokenCount,
    reasoning: anyObject('an object such as {"effort": "medium"}').nullish(),
    text: anyObject('an object such as {"format": {"type": "text"}}').nullish(),
    temperature: optionalNumber,
    top_p: optionalNumber,
    store: optionalBoolean,
    stream: optionalBoolean,
  },
  { error: 'expected the request body to be a JSON object' },
)
