import {
  isStringArray,
  issue,
  model,
  nullishBoolean,
  nullishNumber,
  nullishString,
  stopStrings,
  tokenCount,
} from './body-check.ts'

/** The fields of a legacy completions (fill-in-the-middle) request that Switchboard reads. */
export function checkOpenAICompletionsBody(body: Record<string, unknown>): void {
  model(body)
  const prompt = body.prompt
  if (typeof prompt !== 'string' && !isStringArray(prompt))
    issue('prompt', 'expected the prompt as a string (or an array of strings)')
  nullishString(body.suffix, 'suffix', 'expected the text after the cursor as a string')
  tokenCount(body.max_tokens, 'max_tokens')
  stopStrings(body.stop, 'stop')
  nullishNumber(body.temperature, 'temperature')
  nullishNumber(body.top_p, 'top_p')
  nullishBoolean(body.stream, 'stream')
}
