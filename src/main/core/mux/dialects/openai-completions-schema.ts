import { z } from 'zod'
import { optionalBoolean, optionalNumber, stopStrings, tokenCount } from './wire-schema.ts'

/** The fields of a legacy completions (fill-in-the-middle) request that Switchboard reads. */
export const openAICompletionsSchema = z.looseObject(
  {
    model: z.string({ error: 'expected a model name such as "switchboard"' }).optional(),
    prompt: z.union([z.string(), z.array(z.string())], {
      error: 'expected the prompt as a string (or an array of strings)',
    }),
    suffix: z.string({ error: 'expected the text after the cursor as a string' }).nullish(),
    max_tokens: tokenCount,
    stop: stopStrings,
    temperature: optionalNumber,
    top_p: optionalNumber,
    stream: optionalBoolean,
  },
  { error: 'expected the request body to be a JSON object' },
)
