import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A fake OpenAI upstream whose streams stay open: each streaming request gets its headers and a
// first chunk at once, then nothing until the client goes away (or HOLD_MAX_MS passes), so the
// proxies in front hold hundreds of live streams at the same time while their memory is read.

const HOLD_MAX_MS = 120_000

const first =
  'data: ' +
  JSON.stringify({
    id: 'chatcmpl-held',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'bench-model',
    choices: [{ index: 0, delta: { role: 'assistant', content: 'Hello' }, finish_reason: null }],
  }) +
  '\n\n'

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  for await (const _part of req) {
    // drain the body; its content does not matter here
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  res.write(first)
  const timer = setTimeout(() => res.end('data: [DONE]\n\n'), HOLD_MAX_MS)
  res.once('close', () => clearTimeout(timer))
}

/** Starts the holding upstream on 127.0.0.1 with a free port. */
export async function startHeldStreamUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
