import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
})
afterAll(() => w.close())
beforeEach(async () => {
  await w.t.core.api.setRules({
    name: 'default',
    rules: [
      {
        kind: 'filename',
        pattern: '.tsx',
        target: { provider: 'claude', model: 'claude-sonnet-4-5' },
      },
      {
        kind: 'request-type',
        requestType: 'fim',
        target: { provider: 'local', model: 'qwen2.5-coder:7b' },
      },
    ],
  })
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
})

describe('routing through /v1/mux with the official openai client', () => {
  it('sends a plain chat to the catch-all, replacing the model and saying why in headers', async () => {
    const { data, response } = await w.openai.chat.completions
      .create({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'hi there' }] })
      .withResponse()
    expect(data.choices[0]!.message.content).toBe('echo: hi there')
    expect(w.openaiUp.bodies().at(-1)!.model).toBe('gpt-4o-mini')
    expect(response.headers.get('x-switchboard-workspace')).toBe('default')
    expect(response.headers.get('x-switchboard-rule')).toBe('catch-all')
    expect(response.headers.get('x-switchboard-provider')).toBe('oai')
    expect(response.headers.get('x-switchboard-model')).toBe('gpt-4o-mini')
    expect(response.headers.get('x-switchboard-fallbacks-tried')).toBe('0')
    expect(Number(response.headers.get('x-switchboard-decision-ms'))).toBeGreaterThanOrEqual(0)
  })

  it('routes by the files in the prompt (Continue code fence) and keeps unknown fields on pass-through', async () => {
    const prompt =
      'Why does this re-render?\n\n```tsx src/components/App.tsx\nexport function App() {}\n```'
    const { response, data } = await w.openai.chat.completions
      .create({ model: 'switchboard', messages: [{ role: 'user', content: prompt }] })
      .withResponse()
    expect(response.headers.get('x-switchboard-rule')).toBe('filename ".tsx"')
    expect(response.headers.get('x-switchboard-provider')).toBe('claude')
    expect(data.choices[0]!.message.content).toContain('Why does this re-render?')
    const [entry] = await loggedRequests(w.t)
    expect(entry).toMatchObject({
      rule: 'filename ".tsx"',
      files: ['src/components/App.tsx'],
      provider: 'claude',
      status: 200,
    })
    expect(entry!.why).toContain('src/components/App.tsx')

    await w.openai.chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'plain' }],
      // @ts-expect-error an upstream-specific field the SDK does not know
      repetition_penalty: 1.1,
    })
    expect(w.openaiUp.bodies().at(-1)!.repetition_penalty).toBe(1.1)
  })

  it('routes by a file named in the ask itself, for OpenAI and Anthropic clients', async () => {
    const { response } = await w.openai.chat.completions
      .create({
        model: 'switchboard',
        messages: [{ role: 'user', content: 'Fix the bug in src/App.tsx' }],
      })
      .withResponse()
    expect(response.headers.get('x-switchboard-rule')).toBe('filename ".tsx"')
    expect(response.headers.get('x-switchboard-provider')).toBe('claude')
    const [entry] = await loggedRequests(w.t)
    expect(entry).toMatchObject({ rule: 'filename ".tsx"', files: ['src/App.tsx'], status: 200 })
    expect(entry!.why).toContain('src/App.tsx')

    // Claude Code: the ask beside a reminder the client adds, whose paths are not the ask's.
    const { response: viaMessages } = await w.anthropic.messages
      .create({
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'text',
                text: '<system-reminder>\nStyle guide: docs/style.md\n</system-reminder>',
              },
              { type: 'text', text: 'Why does ./src/pages/Home.tsx:12:5 re-render twice?' },
            ],
          },
        ],
      })
      .withResponse()
    expect(viaMessages.headers.get('x-switchboard-rule')).toBe('filename ".tsx"')
    const [latest] = await loggedRequests(w.t)
    expect(latest).toMatchObject({ files: ['./src/pages/Home.tsx'] })

    // Prose that only looks like files stays with the catch-all.
    const { response: plain } = await w.openai.chat.completions
      .create({
        model: 'switchboard',
        messages: [
          { role: 'user', content: 'I use Next.js 14.2 and Node.js, see https://x.dev/App.tsx' },
        ],
      })
      .withResponse()
    expect(plain.headers.get('x-switchboard-rule')).toBe('catch-all')
  })

  it('sends fill-in-the-middle (legacy completions with suffix) by the request-type rule, streaming', async () => {
    const stream = await w.openai.completions.create({
      model: 'autocomplete',
      prompt: 'def add(a, b):\n    ',
      suffix: '\n\nprint(add(1, 2))',
      stream: true,
    })
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? ''
    expect(text).toBe('echo: def add(a, b):\n    |\n\nprint(add(1, 2))')
    const sent = w.ollamaUp.bodies().at(-1)!
    expect(sent).toMatchObject({
      model: 'qwen2.5-coder:7b',
      suffix: '\n\nprint(add(1, 2))',
      stream: true,
    })
    const [entry] = await loggedRequests(w.t)
    expect(entry).toMatchObject({
      requestType: 'fim',
      rule: 'request type fim',
      tokensIn: 17,
      tokensOut: 4,
    })
  })

  it('honours workspace:<name>, the workspace header, and <provider>/<model>', async () => {
    await w.t.core.api.createWorkspace({ name: 'local-only' })
    await w.t.core.api.setCatchAll({
      name: 'local-only',
      catchAll: { target: { provider: 'local', model: 'qwen2.5-coder:7b' } },
    })
    const byModel = await w.openai.chat.completions
      .create({ model: 'workspace:local-only', messages: [{ role: 'user', content: 'a' }] })
      .withResponse()
    expect(byModel.response.headers.get('x-switchboard-workspace')).toBe('local-only')
    expect(byModel.response.headers.get('x-switchboard-provider')).toBe('local')
    expect((await w.t.core.api.getActiveWorkspace({})).name).toBe('default')

    const byHeader = await w.openai.chat.completions
      .create(
        { model: 'gpt-4', messages: [{ role: 'user', content: 'b' }] },
        { headers: { 'X-Switchboard-Workspace': 'local-only' } },
      )
      .withResponse()
    expect(byHeader.response.headers.get('x-switchboard-provider')).toBe('local')

    const direct = await w.openai.chat.completions
      .create({ model: 'claude/claude-haiku-4-5', messages: [{ role: 'user', content: 'c' }] })
      .withResponse()
    expect(direct.response.headers.get('x-switchboard-rule')).toBe('direct')
    expect(w.anthropicUp.bodies().at(-1)!.model).toBe('claude-haiku-4-5')

    await expect(
      w.openai.chat.completions.create({
        model: 'workspace:nope',
        messages: [{ role: 'user', content: 'd' }],
      }),
    ).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('No workspace named "nope"'),
    })
  })

  it('lists the models a client may pick', async () => {
    const ids: string[] = []
    for await (const model of w.openai.models.list()) ids.push(model.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'switchboard',
        'workspace:default',
        'oai/gpt-4o',
        'local/qwen2.5-coder:7b',
        'claude/claude-sonnet-4-5',
      ]),
    )
  })

  it('says what to do when no rule matches and there is no catch-all', async () => {
    await w.t.core.api.setCatchAll({ name: 'default', catchAll: null })
    const err = await w.openai.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e)
    expect(err.status).toBe(422)
    expect(err.message).toContain(
      'No rule of workspace "default" matched this request and the workspace has no catch-all model',
    )
    expect(err.message).toContain('PUT /api/v1/workspaces/default/catch-all')
  })

  it('previews a decision without calling any provider', async () => {
    const before =
      w.openaiUp.requests.length + w.anthropicUp.requests.length + w.ollamaUp.requests.length
    const res = await w.t.api('/route-preview', {
      method: 'POST',
      body: JSON.stringify({
        body: {
          messages: [
            { role: 'user', content: '<file_content path="web/Button.tsx">x</file_content>' },
          ],
        },
      }),
    })
    const decision = await res.json()
    expect(decision).toMatchObject({
      workspace: 'default',
      rule: { kind: 'filename', label: 'filename ".tsx"', index: 0 },
      target: { provider: 'claude', model: 'claude-sonnet-4-5' },
      matchedFile: 'web/Button.tsx',
      requestType: 'chat',
    })
    expect(
      w.openaiUp.requests.length + w.anthropicUp.requests.length + w.ollamaUp.requests.length,
    ).toBe(before)
  })

  it('answers bad input with a 400 that names the field', async () => {
    const missing = await fetch(w.t.url + '/v1/mux/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'x' }),
    })
    expect(missing.status).toBe(400)
    expect((await missing.json()).error).toMatchObject({
      param: 'messages',
      type: 'invalid_request_error',
    })
    const malformed = await fetch(w.t.url + '/v1/mux/chat/completions', {
      method: 'POST',
      body: '{"messages": [',
    })
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error.message).toMatch(/not valid JSON/)
    const wrongRoute = await fetch(w.t.url + '/v1/mux/embeddings', { method: 'POST', body: '{}' })
    expect(wrongRoute.status).toBe(404)
    expect((await wrongRoute.json()).error.message).toMatch(/POST \/v1\/mux\/chat\/completions/)
  })

  it('pages through the request log and clears it', async () => {
    for (const content of ['one', 'two', 'three']) {
      await w.openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content }] })
    }
    const page = await (await w.t.api('/requests?limit=2')).json()
    expect(page.requests).toHaveLength(2)
    const next = await (await w.t.api(`/requests?limit=2&before=${page.nextBefore}`)).json()
    expect(next.requests[0].id).toBeLessThan(page.requests[1].id)
    expect(
      (await (await w.t.api('/requests?status=error')).json()).requests.every(
        (r: { status: number }) => r.status >= 400,
      ),
    ).toBe(true)
    await w.t.api('/requests', { method: 'DELETE' })
    expect((await (await w.t.api('/requests')).json()).requests).toEqual([])
  })
})
