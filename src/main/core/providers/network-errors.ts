/**
 * Turns a low-level network failure into a sentence that says what to check. `timeoutMs` is the
 * wait for the answer; `connectTimeoutMs` the wait for the connection (the pool's setting).
 */
export function describeNetworkError(
  err: unknown,
  url: string,
  timeoutMs: number,
  connectTimeoutMs = timeoutMs,
): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string }; message?: string }
  const code = e.code ?? e.cause?.code
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `${url} did not answer within ${connectTimeoutMs} ms (connect timeout). Is the server running and reachable?`
  }
  if (e.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return `${url} did not answer within ${timeoutMs} ms. Is the server running and reachable?`
  }
  if (code === 'ECONNREFUSED')
    return `Could not connect to ${url}: connection refused. Is the server running?`
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `Could not resolve the host of ${url}. Check the endpoint.`
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return `${url} closed the connection. Check the endpoint and protocol (http/https).`
  return `Could not reach ${url}: ${e.message ?? String(err)}`
}
