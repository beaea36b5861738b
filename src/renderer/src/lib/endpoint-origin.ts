/** True when two endpoints are on different servers (scheme, host or port), so a stored key must not follow silently. */
export function endpointOriginChanged(stored: string, next: string): boolean {
  return originOf(stored) !== originOf(next)
}

function originOf(endpoint: string): string {
  try {
    return new URL(endpoint.trim()).origin
  } catch {
    return endpoint.trim()
  }
}
