import OpenAI from 'openai'
import Anthropic from '@anthropic-ai/sdk'
import {
  startFakeAnthropic,
  startFakeOllama,
  startFakeOpenAI,
  type FakeUpstream,
} from './fake-upstreams.ts'
import type { CoreOptions } from '../../src/main/core/core.ts'
import { startTestCore, type TestCore } from './test-core.ts'

export interface MuxWorld {
  t: TestCore
  openaiUp: FakeUpstream
  anthropicUp: FakeUpstream
  ollamaUp: FakeUpstream
  /** The official OpenAI client pointed at /v1/mux. */
  openai: OpenAI
  /** The official Anthropic client pointed at /v1/mux, as Claude Code is with ANTHROPIC_BASE_URL. */
  anthropic: Anthropic
  close(): Promise<void>
}

/** A core with three providers (`oai`, `claude`, `local`) backed by fake upstreams of each wire format. */
export async function startMuxWorld(options: Partial<CoreOptions> = {}): Promise<MuxWorld> {
  const t = await startTestCore(options)
  const [openaiUp, anthropicUp, ollamaUp] = await Promise.all([
    startFakeOpenAI(),
    startFakeAnthropic(),
    startFakeOllama(),
  ])
  await t.core.api.createProvider({
    id: 'oai',
    name: 'OpenAI',
    kind: 'openai',
    endpoint: openaiUp.url + '/v1',
    apiKey: 'sk-oai-1111',
  })
  await t.core.api.createProvider({
    id: 'claude',
    name: 'Anthropic',
    kind: 'anthropic',
    endpoint: anthropicUp.url,
    apiKey: 'sk-ant-2222',
  })
  await t.core.api.createProvider({
    id: 'local',
    name: 'Ollama',
    kind: 'ollama',
    endpoint: ollamaUp.url,
  })
  for (const up of [openaiUp, anthropicUp, ollamaUp]) up.requests.length = 0
  return {
    t,
    openaiUp,
    anthropicUp,
    ollamaUp,
    openai: new OpenAI({ baseURL: t.url + '/v1/mux', apiKey: 'anything', maxRetries: 0 }),
    anthropic: new Anthropic({ baseURL: t.url + '/v1/mux', apiKey: 'anything', maxRetries: 0 }),
    async close() {
      await t.close()
      await Promise.all([openaiUp.close(), anthropicUp.close(), ollamaUp.close()])
    },
  }
}

/** Waits for the batched request log and returns its newest entries. */
export async function loggedRequests(t: TestCore) {
  const { requests } = await t.core.api.listRequests({})
  return requests
}
