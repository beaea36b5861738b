import type { ProviderKind } from '../../../shared/provider-kinds.ts'

export const ANTHROPIC_VERSION = '2023-06-01'

/** The headers a provider kind expects for authentication and versioning. */
export function authHeaders(kind: ProviderKind, apiKey: string | null): Record<string, string> {
  if (kind === 'anthropic') {
    const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION }
    if (apiKey) headers['x-api-key'] = apiKey
    return headers
  }
  const headers: Record<string, string> = {}
  if (apiKey) headers.authorization = `Bearer ${apiKey}`
  if (kind === 'openrouter') headers['x-title'] = 'Switchboard'
  return headers
}
