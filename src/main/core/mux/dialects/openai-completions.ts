// OpenAI legacy Completions (`POST /v1/mux/completions`): fill-in-the-middle with `prompt` and
// `suffix`. Targets without a completions API get it as a chat turn (`completion-as-chat.ts`).

import type {
  OpenAIChatChunk,
  OpenAIChatResponse,
  OpenAICompletionRequest,
  OpenAICompletionResponse,
} from '../../providers/wire/openai.ts'
import { chatChunkToCompletion, chatResponseToCompletion } from '../completion-as-chat.ts'
import type { InboundRequest } from '../inbound.ts'
import { openAIUsage } from '../relay-json.ts'
import { isStreamError, openAIPassThrough } from '../relay-stream.ts'
import type { Dialect } from './dialect.ts'
import { openAIChunkSink } from './openai-chat.ts'
import { checkOpenAICompletionsBody } from './openai-completions-check.ts'
import { validateBody } from './validate.ts'

const COMPLETIONS_REFERENCE = 'https://platform.openai.com/docs/api-reference/completions/create'

type CompletionsInbound = Extract<InboundRequest, { route: 'completions' }>

export const openAICompletions: Dialect<CompletionsInbound> = {
  format: 'openai',
  parse(body) {
    const { model, stream } = validateBody(checkOpenAICompletionsBody, body, COMPLETIONS_REFERENCE)
    return {
      route: 'completions',
      format: 'openai',
      body: body as OpenAICompletionRequest,
      model,
      stream,
    }
  },
  nativeShape: 'openai-completion',
  nativeUsage: (json) => openAIUsage((json as OpenAICompletionResponse)?.usage),
  fromOpenAI: (answer) =>
    answer.object === 'chat.completion'
      ? chatResponseToCompletion(answer as OpenAIChatResponse)
      : answer,
  passThrough: (plan) => openAIPassThrough(!plan.clientWantsUsage),
  sink: () =>
    openAIChunkSink((item) =>
      !isStreamError(item) && (item as OpenAIChatChunk).object === 'chat.completion.chunk'
        ? chatChunkToCompletion(item as OpenAIChatChunk)
        : item,
    ),
}
