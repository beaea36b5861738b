import Anthropic from '@anthropic-ai/sdk'
import Database from 'better-sqlite3'
import OpenAI from 'openai'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
  await w.t.core.api.createWorkspace({ name: 'claude-team' })
  await w.t.core.api.setCatchAll({
    name: 'claude-team',
    catchAll: { target: { provider: 'claude', model: 'claude-sonnet-4-5' } },
  })
})
afterAll(() => w.close())

const openaiWith = (apiKey: string) =>
  new OpenAI({ baseURL: w.t.url + '/v1/mux', apiKey, maxRetries: 0 })
const anthropicWith = (apiKey: string) =>
  new Anthropic({ baseURL: w.t.url + '/v1/mux', apiKey, maxRetries: 0 })
const ask = (content: string) => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content }],
})

describe('the mux on loopback', () => {
  it('stays open without a key by default', async () => {
    const answer = await w.openai.chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'no key needed' }],
    })
    expect(answer.choices[0]!.message.content).toBe('echo: no key needed')
    const [entry] = await loggedRequests(w.t)
    expect(entry!.keyId).toBeNull()
  })
})

describe('member keys on the mux (requireMuxKeys)', () => {
  let secret: string
  let keyId: string
  beforeAll(async () => {
    await w.t.core.api.updateSettings({ requireMuxKeys: true })
    const created = await w.t.api('/member-keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'alice' }),
    })
    expect(created.status).toBe(201)
    const body = await created.json()
    secret = body.secret
    keyId = body.key.id
    expect(secret).toMatch(/^sk-sb-[A-Za-z0-9_-]{32}$/)
    expect(body.key).toMatchObject({ name: 'alice', workspace: null, dailyCapUsd: null })
  })

  it('refuses a missing or wrong key with a 401 in each client dialect, naming what to send', async () => {
    const missing = await fetch(w.t.url + '/v1/mux/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(missing.status).toBe(401)
    const openaiBody = await missing.json()
    expect(openaiBody.error.type).toBe('authentication_error')
    expect(openaiBody.error.message).toContain('Authorization: Bearer sk-sb-')

    const err = await openaiWith('sk-sb-not-a-real-key')
      .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError)
    expect((err as Error).message).toContain('not valid')

    const anthropicErr = await anthropicWith('sk-ant-some-provider-key')
      .messages.create(ask('hi'))
      .catch((e: unknown) => e)
    expect(anthropicErr).toBeInstanceOf(Anthropic.AuthenticationError)
    const raw = await fetch(w.t.url + '/v1/mux/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(ask('hi')),
    })
    expect(raw.status).toBe(401)
    const anthropicBody = await raw.json()
    expect(anthropicBody.type).toBe('error')
    expect(anthropicBody.error.type).toBe('authentication_error')
    expect(anthropicBody.error.message).toContain('x-api-key: sk-sb-')

    // Nothing a stranger sends reaches the log, an unknown path included: the key is checked first.
    const unknownPath = await fetch(w.t.url + '/v1/mux/v1/no-such-route', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-sb-not-a-real-key' },
    })
    expect(unknownPath.status).toBe(401)
    const logged = await loggedRequests(w.t)
    expect(logged.filter((e) => e.status === 401 || e.status === 404)).toEqual([])
    expect(JSON.stringify(logged)).not.toMatch(/sk-sb-not-a-real-key|sk-ant-some-provider-key/)
  })

  it('routes a request with the right key from either client and logs the key with it', async () => {
    const viaOpenAI = await openaiWith(secret).chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'as alice' }],
    })
    expect(viaOpenAI.choices[0]!.message.content).toBe('echo: as alice')
    const viaAnthropic = await anthropicWith(secret).messages.create(ask('alice from claude code'))
    expect(viaAnthropic.content[0]).toMatchObject({ type: 'text' })
    const [last, first] = await loggedRequests(w.t)
    expect(first).toMatchObject({ keyId, status: 200, provider: 'oai' })
    expect(last).toMatchObject({ keyId, status: 200 })
    const models = await fetch(w.t.url + '/v1/mux/models', {
      headers: { authorization: `Bearer ${secret}` },
    })
    expect(models.status).toBe(200)
    // A member past the key check who calls an unknown path is logged, so the misconfigured tool shows.
    const unknownPath = await fetch(w.t.url + '/v1/mux/v1/no-such-route', {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
    })
    expect(unknownPath.status).toBe(404)
    expect((await loggedRequests(w.t))[0]).toMatchObject({ status: 404, keyId, costUsd: 0 })
  })

  it('routes a key pinned to a workspace by that workspace, whatever the request names', async () => {
    const { secret: pinned } = await w.t.core.api.createMemberKey({
      name: 'ci bot',
      workspace: 'claude-team',
    })
    const { response } = await openaiWith(pinned)
      .chat.completions.create(
        { model: 'oai/gpt-4o-mini', messages: [{ role: 'user', content: 'pinned' }] },
        { headers: { 'x-switchboard-workspace': 'default' } },
      )
      .withResponse()
    expect(response.headers.get('x-switchboard-workspace')).toBe('claude-team')
    expect(response.headers.get('x-switchboard-provider')).toBe('claude')

    const bad = await w.t.api('/member-keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'x', workspace: 'no-such-workspace' }),
    })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.param).toBe('workspace')
  })

  it('answers 429 in the client dialect once a daily cap is spent, saying which cap and when it resets', async () => {
    // claude-sonnet-4-5 costs $3 in / $15 out per million; the fake answers 13 in, 5 out: $0.000114.
    const { key, secret: capped } = await w.t.core.api.createMemberKey({
      name: 'capped',
      workspace: 'claude-team',
      dailyCapUsd: 0.0002,
    })
    const client = anthropicWith(capped)
    await client.messages.create(ask('one'))
    await loggedRequests(w.t) // the log batch feeds the spend
    await client.messages.create(ask('two')) // $0.000114 spent: under the cap
    await loggedRequests(w.t)
    const refused = await fetch(w.t.url + '/v1/mux/v1/messages', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'x-api-key': capped,
      },
      body: JSON.stringify(ask('three')),
    })
    expect(refused.status).toBe(429)
    const body = await refused.json()
    expect(body.type).toBe('error')
    expect(body.error.type).toBe('rate_limit_error')
    expect(body.error.message).toContain('daily spend cap of $0.0002 ($0.000228 spent today, UTC)')
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    expect(body.error.message).toContain(`${tomorrow}T00:00:00.000Z`)
    // Seconds to the next midnight UTC, when the daily spend resets; retrying sooner is futile.
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(86_400)
    expect(Math.abs(retryAfter - (Date.parse(tomorrow) - Date.now()) / 1000)).toBeLessThan(5)
    expect(refused.headers.get('x-should-retry')).toBe('false')

    // The SDKs retry a 429 by default (Anthropic's would sleep until Retry-After): here they give up at once.
    const retrying = new Anthropic({ baseURL: w.t.url + '/v1/mux', apiKey: capped, maxRetries: 2 })
    const viaAnthropic = await retrying.messages.create(ask('three')).catch((e: unknown) => e)
    expect(viaAnthropic).toBeInstanceOf(Anthropic.RateLimitError)
    const viaOpenAI = await new OpenAI({
      baseURL: w.t.url + '/v1/mux',
      apiKey: capped,
    }).chat.completions
      .create({ model: 'x', messages: [{ role: 'user', content: 'four' }] })
      .catch((e: unknown) => e)
    expect(viaOpenAI).toBeInstanceOf(OpenAI.RateLimitError)
    expect((viaOpenAI as Error).message).toContain('ask the Switchboard admin to raise the cap')
    expect((viaOpenAI as Error).message).toContain(`${tomorrow}T00:00:00.000Z`)

    // The member's three refusals are logged with the key and its workspace, and cost nothing.
    const refusals = (await loggedRequests(w.t)).filter((e) => e.status === 429)
    expect(refusals).toHaveLength(3)
    for (const e of refusals)
      expect(e).toMatchObject({
        keyId: key.id,
        workspace: 'claude-team',
        costUsd: 0,
        provider: null,
      })

    const usage = await (await w.t.api(`/member-keys/${key.id}/usage`)).json()
    expect(usage.today).toEqual({
      requests: 5,
      tokensIn: 26,
      tokensOut: 10,
      costUsd: expect.closeTo(2 * 0.000114, 12),
      unpricedRequests: 0,
    })
    expect(usage.last30Days.requests).toBe(5)
    expect(usage.resetsAt).toBe(`${tomorrow}T00:00:00.000Z`)
  })

  it('prices cache reads at their own rate in the log', async () => {
    // Alice routes by the default workspace (oai); she names the Anthropic model directly here.
    await openaiWith(secret).chat.completions.create({
      model: 'claude/claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'plain' }],
    })
    w.anthropicUp.behaviour.cacheRead = 100
    try {
      await openaiWith(secret).chat.completions.create({
        model: 'claude/claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'cached' }],
      })
    } finally {
      w.anthropicUp.behaviour.cacheRead = undefined
    }
    const [cached, plain] = await loggedRequests(w.t)
    expect(plain).toMatchObject({ provider: 'claude', tokensIn: 13, tokensOut: 5, tokensCached: 0 })
    expect(plain!.costUsd).toBeCloseTo((13 * 3 + 5 * 15) / 1e6, 12)
    // 13 uncached at $3, 100 read from cache at $0.30, 5 out at $15.
    expect(cached).toMatchObject({ tokensIn: 113, tokensOut: 5, tokensCached: 100 })
    expect(cached!.costUsd).toBeCloseTo((13 * 3 + 100 * 0.3 + 5 * 15) / 1e6, 12)
  })

  it('stops a revoked key at once', async () => {
    const { key, secret: doomed } = await w.t.core.api.createMemberKey({ name: 'leaving' })
    const revoked = await w.t.api(`/member-keys/${key.id}`, { method: 'DELETE' })
    expect((await revoked.json()).revokedAt).not.toBeNull()
    const err = await openaiWith(doomed)
      .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError)
  })

  it('shows a key once and stores only its hash', async () => {
    const list = await (await w.t.api('/member-keys')).text()
    expect(list).toContain(keyId)
    expect(list).not.toContain(secret)
    expect(list).not.toContain(createHash('sha256').update(secret).digest('hex'))
    const requests = await (await w.t.api('/requests?limit=500')).text()
    expect(requests).not.toContain(secret)

    await w.t.close({ keepData: true })
    const file = join(w.t.dataDir, 'switchboard.db')
    for (const f of [file, file + '-wal'])
      if (existsSync(f)) expect(readFileSync(f).includes(secret)).toBe(false)
    const db = new Database(file, { readonly: true })
    try {
      const row = db.prepare('SELECT * FROM member_keys WHERE id = ?').get(keyId) as {
        hash: string
      }
      expect(row.hash).toBe(createHash('sha256').update(secret).digest('hex'))
    } finally {
      db.close()
    }
  })
})
