import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createRequestBodies } from '../../src/main/core/activity/request-bodies.ts'
import { openDatabase } from '../../src/main/core/db/connection.ts'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

// What each fake upstream reports as usage, and the model facts table's prices (USD per million).
const OPENAI_USAGE = { in: 11, out: 7 }
const ANTHROPIC_USAGE = { in: 13, out: 5 }
const OLLAMA_USAGE = { in: 17, out: 4 }
const MINI = { input: 0.15, output: 0.6 } // gpt-4o-mini
const SONNET = { input: 3, output: 15 } // claude-sonnet-4-5
const cost = (price: { input: number; output: number }, u: { in: number; out: number }) =>
  (u.in * price.input + u.out * price.output) / 1e6

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
})
afterAll(() => w.close())
beforeEach(async () => {
  await w.t.core.api.clearRequests({})
})

/** Retry-After counts the seconds to the next midnight UTC, when the daily spend resets. */
function expectRetryAfterMidnight(header: string | null): void {
  const seconds = Number(header)
  expect(Number.isInteger(seconds)).toBe(true)
  expect(seconds).toBeGreaterThanOrEqual(1)
  expect(seconds).toBeLessThanOrEqual(86_400)
  const midnight = Date.parse(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10))
  expect(Math.abs(seconds - (midnight - Date.now()) / 1000)).toBeLessThan(5)
}

const chat = (model: string, content: string, client: OpenAI = w.openai) =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content }] })

describe('the activity summary', () => {
  it('adds up spend per model, workspace and day, and what routing saved versus the priciest model used', async () => {
    await chat('x', 'routed by the default workspace to gpt-4o-mini')
    await chat('oai/gpt-4o-mini', 'named directly')
    await chat('claude/claude-sonnet-4-5', 'the expensive one')
    await chat('local/qwen2.5-coder:7b', 'a local model')
    await chat('oai/my-finetune', 'a model without a price')

    const s = await w.t.core.api.activitySummary({})
    const miniCost = 2 * cost(MINI, OPENAI_USAGE)
    const sonnetCost = cost(SONNET, ANTHROPIC_USAGE)
    expect(s.totals).toMatchObject({
      requests: 5,
      tokensIn: 3 * OPENAI_USAGE.in + ANTHROPIC_USAGE.in + OLLAMA_USAGE.in,
      tokensOut: 3 * OPENAI_USAGE.out + ANTHROPIC_USAGE.out + OLLAMA_USAGE.out,
      unpricedRequests: 1,
    })
    expect(s.totals.costUsd).toBeCloseTo(miniCost + sonnetCost, 12)
    expect(s.byModel.map((m) => [`${m.provider}/${m.model}`, m.requests])).toEqual([
      ['claude/claude-sonnet-4-5', 1],
      ['oai/gpt-4o-mini', 2],
      // Free and unpriced ones after, busiest first.
      ['local/qwen2.5-coder:7b', 1],
      ['oai/my-finetune', 1],
    ])
    expect(s.byModel[1]!.costUsd).toBeCloseTo(miniCost, 12)
    // Directly named models count toward the workspace that was active.
    expect(s.byWorkspace).toEqual([
      expect.objectContaining({ workspace: 'default', requests: 5, unpricedRequests: 1 }),
    ])
    expect(s.byDay).toEqual([
      expect.objectContaining({ day: new Date().toISOString().slice(0, 10), requests: 5 }),
    ])

    // All four priced requests at Sonnet's price, against what they cost (the finetune has no price).
    const pricedTokens = {
      in: 2 * OPENAI_USAGE.in + ANTHROPIC_USAGE.in + OLLAMA_USAGE.in,
      out: 2 * OPENAI_USAGE.out + ANTHROPIC_USAGE.out + OLLAMA_USAGE.out,
    }
    expect(s.savings).toMatchObject({
      reference: { provider: 'claude', model: 'claude-sonnet-4-5' },
      requests: 4,
    })
    expect(s.savings!.referenceCostUsd).toBeCloseTo(cost(SONNET, pricedTokens), 12)
    expect(s.savings!.actualCostUsd).toBeCloseTo(miniCost + sonnetCost, 12)
    expect(s.savings!.savedUsd).toBeCloseTo(cost(SONNET, pricedTokens) - miniCost - sonnetCost, 12)
    expect(s.savings!.savedUsd).toBeGreaterThan(0)

    // The same over HTTP, and nothing in a range before any request.
    const res = await w.t.api('/activity/summary?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z')
    expect(res.status).toBe(200)
    const empty = await res.json()
    expect(empty.totals.requests).toBe(0)
    expect(empty.savings).toBeNull()
    const bad = await w.t.api('/activity/summary?from=yesterday')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toContain('ISO 8601')
  })

  it('compares with the priciest model of the range: cheaper models alone save nothing against themselves', async () => {
    await chat('x', 'one')
    await chat('x', 'two')
    const s = await w.t.core.api.activitySummary({ workspace: 'default' })
    expect(s.savings).toMatchObject({
      reference: { provider: 'oai', model: 'gpt-4o-mini' },
      savedUsd: 0,
    })
    expect(s.savings!.referenceCostUsd).toBeCloseTo(2 * cost(MINI, OPENAI_USAGE), 12)
    expect((await w.t.core.api.activitySummary({ workspace: 'nobody' })).totals.requests).toBe(0)
  })
})

describe('a workspace daily spend cap', () => {
  beforeAll(async () => {
    await w.t.core.api.createWorkspace({ name: 'capped' })
  })

  it('skips a paid target for a local fallback once the cap is reached, and says so in the log', async () => {
    await w.t.core.api.setCatchAll({
      name: 'capped',
      catchAll: {
        target: { provider: 'claude', model: 'claude-sonnet-4-5' },
        fallbacks: [{ provider: 'local', model: 'qwen2.5-coder:7b' }],
      },
    })
    // One Sonnet answer costs $0.000114: over this cap.
    const ws = await w.t.core.api.setWorkspaceOptions({ name: 'capped', dailySpendCapUsd: 0.0001 })
    expect(ws.dailySpendCapUsd).toBe(0.0001)
    expect(ws.holdDecisionForTurn).toBe(true)

    const first = await chat('workspace:capped', 'under the cap')
    expect(first.choices[0]!.message.content).toBe('echo: under the cap')
    const [paid] = await loggedRequests(w.t) // the log batch feeds today's spend
    expect(paid).toMatchObject({ workspace: 'capped', provider: 'claude' })

    const { data, response } = await w.openai.chat.completions
      .create({ model: 'workspace:capped', messages: [{ role: 'user', content: 'over the cap' }] })
      .withResponse()
    expect(data.choices[0]!.message.content).toBe('echo: over the cap')
    expect(response.headers.get('x-switchboard-provider')).toBe('local')
    const [skipped] = await loggedRequests(w.t)
    expect(skipped).toMatchObject({
      workspace: 'capped',
      provider: 'local',
      status: 200,
      costUsd: 0,
    })
    expect(skipped!.attempts[0]).toMatchObject({
      target: { provider: 'claude', model: 'claude-sonnet-4-5' },
      status: null,
      error: 'skipped: workspace daily cap $0.0001 reached',
    })
    expect(skipped!.attempts[1]).toMatchObject({ target: { provider: 'local' }, status: 200 })

    // The default workspace has no cap: its paid target still answers.
    const other = await chat('claude/claude-sonnet-4-5', 'not capped', w.openai)
    expect(other.choices[0]!.message.content).toBe('echo: not capped')
  })

  it('answers 429 in the client dialect, naming the cap and its reset, when no free target remains', async () => {
    await w.t.core.api.setCatchAll({
      name: 'capped',
      catchAll: { target: { provider: 'claude', model: 'claude-sonnet-4-5' } },
    })
    await w.t.core.api.setWorkspaceOptions({ name: 'capped', dailySpendCapUsd: 5 })
    await chat('workspace:capped', 'spend something')
    await loggedRequests(w.t)
    await w.t.core.api.setWorkspaceOptions({ name: 'capped', dailySpendCapUsd: 0.0001 })
    const before = w.anthropicUp.requests.length

    // A client that retries 429s by default is told when to come back, and that sooner is futile.
    const retrying = new OpenAI({ baseURL: w.t.url + '/v1/mux', apiKey: 'x', maxRetries: 2 })
    const refused = await chat('workspace:capped', 'refused', retrying).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError)
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    expect((refused as Error).message).toContain('reached its daily spend cap of $0.0001')
    expect((refused as Error).message).toContain(`${tomorrow}T00:00:00.000Z`)
    expect((refused as Error).message).toContain('raise it on the workspace page')
    const headers = (refused as InstanceType<typeof OpenAI.RateLimitError>).headers
    expectRetryAfterMidnight(headers.get('retry-after'))
    expect(headers.get('x-should-retry')).toBe('false')
    // Asked once, not retried: one refusal logged after the paid answer.
    expect((await loggedRequests(w.t)).map((r) => r.status)).toEqual([429, 200])

    const anthropic = new Anthropic({
      baseURL: w.t.url + '/v1/mux',
      apiKey: 'x',
      maxRetries: 0,
      defaultHeaders: { 'x-switchboard-workspace': 'capped' },
    })
    const viaAnthropic = await anthropic.messages
      .create({
        model: 'claude-sonnet-4-5',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((e: unknown) => e)
    expect(viaAnthropic).toBeInstanceOf(Anthropic.RateLimitError)
    expect((viaAnthropic as { error: { type: string } }).error.type).toBe('error')
    const anthropicError = viaAnthropic as InstanceType<typeof Anthropic.RateLimitError>
    expect(anthropicError.message).toContain(`${tomorrow}T00:00:00.000Z`)
    expectRetryAfterMidnight(anthropicError.headers?.get('retry-after') ?? null)
    // Refused before the first byte: the paid upstream never heard of either request.
    expect(w.anthropicUp.requests.length).toBe(before)

    const [row] = await loggedRequests(w.t)
    expect(row).toMatchObject({ workspace: 'capped', status: 429, costUsd: 0 })
    expect(row!.clientFormat).toBe('anthropic')
    expect(row!.attempts).toEqual([
      expect.objectContaining({ error: 'skipped: workspace daily cap $0.0001 reached' }),
    ])

    // A cap of $5.00 is written in cents.
    await w.t.core.api.setWorkspaceOptions({ name: 'capped', dailySpendCapUsd: null })
    expect((await w.t.core.api.getWorkspace({ name: 'capped' })).dailySpendCapUsd).toBeNull()
    const bad = await w.t.api('/workspaces/capped/options', {
      method: 'PUT',
      body: JSON.stringify({ dailySpendCapUsd: -1 }),
    })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toContain('dailySpendCapUsd')
  })
})

describe('every logged request carries a workspace, failures too', () => {
  it('records the workspace routed by, or the active one when routing failed before choosing', async () => {
    await w.t.core.api.createWorkspace({ name: 'no-route' })
    const noRoute = await chat('workspace:no-route', 'nowhere to go').catch((e: unknown) => e)
    expect(noRoute).toBeInstanceOf(OpenAI.APIError)
    const unknown = await chat('workspace:nope', 'no such workspace').catch((e: unknown) => e)
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError)
    const badJson = await fetch(w.t.url + '/v1/mux/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model": ',
    })
    expect(badJson.status).toBe(400)

    const failed = await w.t.core.api.listRequests({ status: 'error' })
    expect(failed.requests.map((r) => r.workspace)).toEqual(['default', 'default', 'no-route'])
    const inDefault = await w.t.core.api.listRequests({ workspace: 'default', status: 'error' })
    expect(inDefault.requests).toHaveLength(2)
  })

  it('names the model group a client asked for as the rule', async () => {
    await w.t.core.api.createGroup({
      id: 'cheap',
      strategy: 'heuristic',
      targets: [{ provider: 'oai', model: 'gpt-4o-mini' }],
    })
    await chat('cheap', 'via a group')
    const [row] = await loggedRequests(w.t)
    expect(row).toMatchObject({
      rule: 'model group cheap',
      ruleKind: 'group',
      workspace: 'default',
    })
  })
})

describe('finding requests', () => {
  it('searches models, clients, rules, files and errors, within a time range', async () => {
    await chat('claude/claude-sonnet-4-5', 'look at src/parser.rs please')
    await chat('x', 'plain')
    await chat('workspace:missing', 'fails').catch(() => {})
    const search = async (words: string, extra = {}) =>
      (await w.t.core.api.listRequests({ search: words, ...extra })).requests.map(
        (r) => r.requestedModel,
      )
    expect(await search('sonnet')).toEqual(['claude/claude-sonnet-4-5'])
    expect(await search('PARSER.rs')).toEqual(['claude/claude-sonnet-4-5'])
    expect(await search('No workspace named')).toEqual(['workspace:missing'])
    expect(await search('gpt-4o-mini catch')).toEqual(['x'])
    expect(await search('openai')).toHaveLength(3) // the client
    expect(await search('100%_')).toEqual([])
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString()
    expect(await search('', { from: hourAgo })).toHaveLength(3)
    expect(await search('', { to: hourAgo })).toEqual([])
  })
})

describe('request and response bodies', () => {
  it('keeps none by default, and only bodies (never keys) once the setting is on', async () => {
    await chat('x', 'not kept')
    const [off] = await loggedRequests(w.t)
    expect(await w.t.core.api.getRequestBodies({ id: off!.id })).toMatchObject({
      request: null,
      response: null,
    })

    await w.t.core.api.updateSettings({ keepRequestBodiesDays: 3 })
    try {
      const keyed = new OpenAI({
        baseURL: w.t.url + '/v1/mux',
        apiKey: 'sk-secret-client-key',
        maxRetries: 0,
      })
      await chat('x', 'kept for debugging', keyed)
      const stream = await keyed.chat.completions.create({
        model: 'x',
        stream: true,
        messages: [{ role: 'user', content: 'streamed and kept' }],
      })
      for await (const _ of stream) void _
      const [streamed, plain] = await loggedRequests(w.t)
      const kept = await (await w.t.api(`/requests/${plain!.id}/bodies`)).json()
      expect(JSON.parse(kept.request).messages[0].content).toBe('kept for debugging')
      expect(JSON.parse(kept.response).choices[0].message.content).toBe('echo: kept for debugging')
      const sse = await w.t.core.api.getRequestBodies({ id: streamed!.id })
      expect(sse.response).toContain('data: ')
      expect(sse.response).toContain('[DONE]')
      for (const text of [kept.request, kept.response, sse.request, sse.response]) {
        expect(text).not.toContain('sk-secret-client-key')
        expect(text).not.toContain('sk-oai-1111')
      }
      await w.t.core.api.clearRequests({})
      expect((await w.t.core.api.getRequestBodies({ id: plain!.id })).request).toBeNull()
    } finally {
      await w.t.core.api.updateSettings({ keepRequestBodiesDays: 0 })
    }
  })

  it('deletes bodies older than the setting', () => {
    const temp = makeTempDir()
    const db = openDatabase(temp.dir)
    try {
      let now = new Date('2025-03-10T12:00:00Z')
      let days = 2
      const store = createRequestBodies(
        db,
        () => days,
        () => now,
      )
      store.keep(1, '2025-03-07T12:00:00.000Z', '{"old":true}', '{}')
      store.keep(2, '2025-03-09T12:00:00.000Z', '{"recent":true}', '{}')
      store.flush()
      expect(store.get(1).request).toBeNull()
      expect(store.get(2).request).toBe('{"recent":true}')
      now = new Date('2025-03-12T12:00:01Z')
      store.prune()
      expect(store.get(2).request).toBeNull()
      store.keep(3, now.toISOString(), '{}', '{}')
      days = 0 // turned off: nothing is kept
      store.prune()
      expect(store.get(3).request).toBeNull()
    } finally {
      db.close()
      temp.cleanup()
    }
  })
})
