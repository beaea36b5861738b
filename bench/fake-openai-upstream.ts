import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A fake OpenAI upstream that costs as little as possible, so the benchmark measures the proxies:
// it drains the body without parsing it and answers with pre-serialised text.

const base = { id: 'chatcmpl-bench', created: 1_700_000_000, model: 'bench-model' }
const usage = { prompt_tokens: 42, completion_tokens: 5, total_tokens: 47 }

const completion = JSON.stringify({
  ...base,
  object: 'chat.completion',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hello from the bench upstream.' },
      finish_reason: 'stop',
    },
  ],
  usage,
})

const sse = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`
const chunk = (delta: unknown, finish: string | null = null) =>
  sse({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish }],
  })
const pieces = [
  chunk({ role: 'assistant', content: '' }),
  ...['Hello', ' from', ' the', ' bench', ' upstream.'].map((w) => chunk({ content: w })),
  chunk({}, 'stop'),
]
const usagePiece = sse({ ...base, object: 'chat.completion.chunk', choices: [], usage })
const done = 'data: [DONE]\n\n'

const models = JSON.stringify({
  object: 'list',
  data: [{ id: 'bench-model', object: 'model', created: 0, owned_by: 'bench' }],
})

async function readBody(req: IncomingMessage): Promise<string> {
  let text = ''
  for await (const part of req) text += part
  return text
}

/** Writes each SSE piece in its own turn of the event loop, so they leave as separate chunks. */
async function stream(res: ServerResponse, withUsage: boolean): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  for (const piece of withUsage ? [...pieces, usagePiece, done] : [...pieces, done]) {
    if (res.destroyed) return
    res.write(piece)
    await new Promise((resolve) => setImmediate(resolve))
  }
  res.end()
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/v1/models') {
    res.writeHead(200, { 'content-type': 'application/json' })
    return void res.end(models)
  }
  const body = await readBody(req)
  if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
    res.writeHead(404, { 'content-type': 'application/json' })
    return void res.end('{"error":{"message":"no such route","type":"invalid_request_error"}}')
  }
  // A substring test instead of JSON.parse keeps the upstream cheap; the bench bodies are known.
  if (body.includes('"stream":true')) return stream(res, body.includes('"include_usage":true'))
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(completion),
  })
  res.end(completion)
}

/** Starts the fake upstream on 127.0.0.1 with a free port. */
export async function startFakeOpenAIUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
