import { json, startFakeServer, type FakeServer } from './http-server.ts'

// Fake provider servers speaking each kind's documented model-listing endpoint.

/** OpenAI-compatible: GET /v1/models with an optional bearer key. */
export function startFakeOpenAIModels(
  options: { apiKey?: string; models?: string[] } = {},
): Promise<FakeServer> {
  const models = options.models ?? ['gpt-4o', 'gpt-4o-mini']
  return startFakeServer((req, res) => {
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return json(res, 401, {
        error: { message: 'Incorrect API key provided', type: 'invalid_request_error' },
      })
    }
    if (req.method === 'GET' && req.path === '/v1/models') {
      return json(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })),
      })
    }
    json(res, 404, { error: { message: `no route ${req.path}` } })
  })
}

/** Ollama: GET /api/tags. */
export function startFakeOllamaTags(
  models = ['llama3.2:latest', 'qwen2.5-coder:7b'],
): Promise<FakeServer> {
  return startFakeServer((req, res) => {
    if (req.method === 'GET' && req.path === '/api/tags') {
      return json(res, 200, {
        models: models.map((name) => ({
          name,
          model: name,
          size: 1,
          digest: 'x',
          details: { family: 'llama' },
        })),
      })
    }
    json(res, 404, { error: 'not found' })
  })
}

/** Anthropic: GET /v1/models with x-api-key and anthropic-version. */
export function startFakeAnthropicModels(apiKey: string): Promise<FakeServer> {
  return startFakeServer((req, res) => {
    if (req.headers['x-api-key'] !== apiKey) {
      return json(res, 401, {
        type: 'error',
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
      })
    }
    if (!req.headers['anthropic-version']) {
      return json(res, 400, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'anthropic-version header is required' },
      })
    }
    if (req.method === 'GET' && req.path.startsWith('/v1/models')) {
      return json(res, 200, {
        data: [
          {
            type: 'model',
            id: 'claude-sonnet-4-5',
            display_name: 'Claude Sonnet 4.5',
            created_at: '2025-09-29T00:00:00Z',
          },
          {
            type: 'model',
            id: 'claude-haiku-4-5',
            display_name: 'Claude Haiku 4.5',
            created_at: '2025-10-01T00:00:00Z',
          },
        ],
        has_more: false,
        first_id: 'claude-sonnet-4-5',
        last_id: 'claude-haiku-4-5',
      })
    }
    json(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'not found' } })
  })
}

/** A server that answers 200 with HTML, as a wrong endpoint (a web page, a proxy login) would. */
export function startGarbageServer(): Promise<FakeServer> {
  return startFakeServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<html><body>Welcome to nginx!</body></html>')
  })
}
