import { z } from 'zod'

export const providerKinds = [
  'anthropic',
  'llamacpp',
  'lmstudio',
  'ollama',
  'openai',
  'openrouter',
  'vllm',
] as const
export const ProviderKind = z.enum(providerKinds)
export type ProviderKind = z.infer<typeof ProviderKind>

export type WireFormat = 'openai' | 'anthropic' | 'ollama'
export type AuthType = 'none' | 'api_key'

export interface ProviderKindInfo {
  kind: ProviderKind
  label: string
  defaultEndpoint: string
  defaultAuth: AuthType
  wireFormat: WireFormat
  /** Where the user finds an API key or starts the server; shown next to the form. */
  hint: string
}

/** Defaults filled in when a provider of this kind is created; the UI shows the same table. */
export const providerKindInfo: Record<ProviderKind, ProviderKindInfo> = {
  anthropic: {
    kind: 'anthropic',
    label: 'Anthropic',
    defaultEndpoint: 'https://api.anthropic.com',
    defaultAuth: 'api_key',
    wireFormat: 'anthropic',
    hint: 'API key from console.anthropic.com.',
  },
  llamacpp: {
    kind: 'llamacpp',
    label: 'llama.cpp server',
    defaultEndpoint: 'http://localhost:8080/v1',
    defaultAuth: 'none',
    wireFormat: 'openai',
    hint: 'Start it with `llama-server -m model.gguf --port 8080`.',
  },
  lmstudio: {
    kind: 'lmstudio',
    label: 'LM Studio',
    defaultEndpoint: 'http://localhost:1234/v1',
    defaultAuth: 'none',
    wireFormat: 'openai',
    hint: 'Enable the local server in LM Studio (Developer tab).',
  },
  ollama: {
    kind: 'ollama',
    label: 'Ollama',
    defaultEndpoint: 'http://localhost:11434',
    defaultAuth: 'none',
    wireFormat: 'ollama',
    hint: 'Run `ollama serve`; pull models with `ollama pull`.',
  },
  openai: {
    kind: 'openai',
    label: 'OpenAI or compatible',
    defaultEndpoint: 'https://api.openai.com/v1',
    defaultAuth: 'api_key',
    wireFormat: 'openai',
    hint: 'Any OpenAI-compatible API: set its base URL (ending in /v1) and key.',
  },
  openrouter: {
    kind: 'openrouter',
    label: 'OpenRouter',
    defaultEndpoint: 'https://openrouter.ai/api/v1',
    defaultAuth: 'api_key',
    wireFormat: 'openai',
    hint: 'API key from openrouter.ai/keys.',
  },
  vllm: {
    kind: 'vllm',
    label: 'vLLM',
    defaultEndpoint: 'http://localhost:8000/v1',
    defaultAuth: 'none',
    wireFormat: 'openai',
    hint: 'Start it with `vllm serve MODEL`; set a key if you passed --api-key.',
  },
}
