import type { IncomingHttpHeaders } from 'node:http'

/** What an Anthropic target receives from an Anthropic client unchanged, beside the body. */
export interface AnthropicPassThrough {
  /** The client's `anthropic-*` headers (`anthropic-beta`, `anthropic-version`, …). */
  headers: Record<string, string>
  /** The query string as sent (`?beta=true` from the SDK's beta client), or ''. */
  query: string
}

// OAuth betas describe the client's own Claude subscription token, which is never forwarded: the
// provider's API key replaces it, and Anthropic rejects an API key sent with an OAuth beta.
const OAUTH_BETA = /^oauth-/

/**
 * Picks the client's `anthropic-*` headers and query string for an Anthropic target. Credentials
 * (`x-api-key`, `authorization`) are not `anthropic-*`, so they can never be picked.
 */
export function anthropicPassThrough(
  headers: IncomingHttpHeaders,
  search: string,
): AnthropicPassThrough {
  const picked: Record<string, string> = {}
  for (const name in headers) {
    if (!name.startsWith('anthropic-')) continue
    const raw = headers[name]
    let value = Array.isArray(raw) ? raw.join(',') : raw
    if (value === undefined) continue
    if (name === 'anthropic-beta') {
      value = value
        .split(',')
        .map((b) => b.trim())
        .filter((b) => b !== '' && !OAUTH_BETA.test(b))
        .join(',')
      if (value === '') continue
    }
    picked[name] = value
  }
  return { headers: picked, query: search }
}
