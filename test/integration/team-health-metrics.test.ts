import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakeServer } from '../helpers/http-server.ts'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

const METRICS_TOKEN = 'metrics-scraper-token-0123456789'

/**
 * One series of a histogram, parsed: the parser flattens histograms that carry labels besides `le`
 * into one, so the series' lines are picked out and their own labels dropped first.
 */
function histogram(text: string, name: string, labels: Record<string, string>) {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`)
  const lines = text.split('\n').filter((line) => {
    if (line.startsWith(`# HELP ${name} `) || line.startsWith(`# TYPE ${name} `)) return true
    return line.startsWith(name + '_') && pairs.every((p) => line.includes(p))
  })
  const own = lines.map((line) => {
    let out = line
    for (const p of pairs) out = out.replace(new RegExp(`,?${p}`), '')
    return out.replace('{,', '{').replace(/\{\}/, '')
  })
  return parsePrometheusTextFormat(own.join('\n') + '\n')[0]!.metrics[0]!
}

describe('GET /healthz and /readyz', () => {
  const cores: TestCore[] = []
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close()
  })

  it('answers alive without a token, and not ready while no provider is configured', async () => {
    const t = await startTestCore()
    cores.push(t)
    const alive = await fetch(t.url + '/healthz')
    expect(alive.status).toBe(200)
    expect(await alive.json()).toEqual({ status: 'ok' })

    const ready = await fetch(t.url + '/readyz')
    expect(ready.status).toBe(503)
    const body = await ready.json()
    expect(body.status).toBe('unavailable')
    expect(body.failing).toEqual(['providers'])
    expect(body.checks.database).toEqual({ ok: true })
    expect(body.checks.config).toEqual({ ok: true })
    expect(body.checks.providers.message).toContain('no provider is configured')
  })

  it('names the unreachable provider, turns ready once one answers, and reports a bad config', async () => {
    const t = await startTestCore()
    cores.push(t)
    const gone = await startFakeServer((_req, res) => void res.end())
    const deadUrl = gone.url
    await gone.close()
    await t.core.api.createProvider({
      id: 'gone',
      name: 'Gone',
      kind: 'openai',
      endpoint: deadUrl + '/v1',
      apiKey: 'sk-x',
    })
    const body = await (await fetch(t.url + '/readyz')).json()
    expect(body.failing).toEqual(['providers'])
    expect(body.checks.providers.message).toMatch(/no provider is reachable.*gone \(/)

    const up = await startFakeServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(req.path === '/v1/models' ? { data: [{ id: 'm1' }] } : {}))
    })
    try {
      await t.core.api.createProvider({
        id: 'up',
        name: 'Up',
        kind: 'openai',
        endpoint: up.url + '/v1',
        apiKey: 'sk-y',
      })
      const ready = await fetch(t.url + '/readyz')
      expect(ready.status).toBe(200)
      expect((await ready.json()).status).toBe('ok')
    } finally {
      await up.close()
    }
  })

  it('is not ready while the config file is invalid, and names where', async () => {
    const dir = makeTempDir()
    const file = join(dir.dir, 'switchboard.yaml')
    writeFileSync(file, 'version: 1\nsettings:\n  requestLogMaxRows: 1000\n')
    const t = await startTestCore({ configFile: file, log: () => {} })
    try {
      const readiness = async () => (await fetch(t.url + '/readyz')).json()
      expect((await readiness()).checks.config.ok).toBe(true)
      writeFileSync(file, 'version: 1\nsettings:\n  requestLogMaxRows: many\n')
      t.core.config!.reload()
      const body = await readiness()
      expect(body.failing).toContain('config')
      expect(body.checks.config.message).toMatch(
        /switchboard\.yaml:3:\d+ settings\.requestLogMaxRows/,
      )
      writeFileSync(file, 'version: 1\nsettings:\n  requestLogMaxRows: 2000\n')
      t.core.config!.reload()
      expect((await readiness()).checks.config.ok).toBe(true)
    } finally {
      await t.close()
      dir.cleanup()
    }
  })
})

describe('GET /metrics', () => {
  let w: MuxWorld
  beforeAll(async () => {
    w = await startMuxWorld({ metricsToken: METRICS_TOKEN })
    await w.t.core.api.setCatchAll({
      name: 'default',
      catchAll: {
        target: { provider: 'oai', model: 'gpt-4o-mini' },
        fallbacks: [{ provider: 'claude', model: 'claude-sonnet-4-5' }],
      },
    })
  })
  afterAll(() => w.close())

  const scrapeText = async (token: string) => {
    const res = await fetch(w.t.url + '/metrics', { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    return res.text()
  }
  const scrape = async (token: string) => parsePrometheusTextFormat(await scrapeText(token))

  it('needs the metrics or the admin token', async () => {
    const none = await fetch(w.t.url + '/metrics')
    expect(none.status).toBe(401)
    expect((await none.json()).error.message).toContain('--metrics-token')
    const wrong = await fetch(w.t.url + '/metrics', {
      headers: { authorization: 'Bearer not-the-token' },
    })
    expect(wrong.status).toBe(401)
    await scrape(METRICS_TOKEN)
    await scrape(w.t.core.adminToken)
  })

  it('counts routed requests, their latency, tokens, cost, fallbacks and turns from the log', async () => {
    for (let i = 0; i < 3; i++) {
      await w.openai.chat.completions.create({
        model: 'anything',
        messages: [{ role: 'user', content: `question ${i}` }],
      })
    }
    w.openaiUp.behaviour.failWith = 500
    await w.openai.chat.completions.create({
      model: 'anything',
      messages: [{ role: 'user', content: 'when openai is down' }],
    })
    w.openaiUp.behaviour.failWith = undefined
    const log = await loggedRequests(w.t) // flushes the batch, which feeds the metrics

    const text = await scrapeText(METRICS_TOKEN)
    const families = parsePrometheusTextFormat(text)
    const family = (name: string) => families.find((f) => f.name === name)!
    const sample = (name: string, labels: Record<string, string>) =>
      family(name).metrics.find((m) =>
        Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
      )

    const oai = { workspace: 'default', provider: 'oai', model: 'gpt-4o-mini' }
    const claude = { workspace: 'default', provider: 'claude', model: 'claude-sonnet-4-5' }
    expect(
      sample('switchboard_requests_total', { ...oai, rule_kind: 'catch-all', status: '200' })
        ?.value,
    ).toBe('3')
    expect(
      sample('switchboard_requests_total', { ...claude, rule_kind: 'catch-all', status: '200' })
        ?.value,
    ).toBe('1')

    const latency = histogram(text, 'switchboard_request_duration_seconds', oai)
    expect(family('switchboard_request_duration_seconds').type).toBe('HISTOGRAM')
    expect(latency.count).toBe('3')
    expect(Number(latency.sum)).toBeGreaterThan(0)
    expect(Object.keys(latency.buckets!)).toEqual(
      expect.arrayContaining(['0.05', '1', '10', '120', '+Inf']),
    )
    expect(latency.buckets!['+Inf']).toBe('3')
    const withFirstToken = log.filter((e) => e.provider === 'oai' && e.firstTokenMs !== null)
    expect(histogram(text, 'switchboard_time_to_first_token_seconds', oai).count).toBe(
      String(withFirstToken.length),
    )

    // The fake OpenAI upstream reports 11 prompt and 7 completion tokens; Anthropic 13 and 5.
    expect(sample('switchboard_tokens_total', { ...oai, direction: 'in' })?.value).toBe('33')
    expect(sample('switchboard_tokens_total', { ...oai, direction: 'out' })?.value).toBe('21')
    expect(sample('switchboard_tokens_total', { ...claude, direction: 'in' })?.value).toBe('13')
    // gpt-4o-mini $0.15/$0.60 and claude-sonnet-4-5 $3/$15 per million tokens.
    const oaiCost = Number(sample('switchboard_cost_usd_total', oai)?.value)
    expect(oaiCost).toBeCloseTo((3 * (11 * 0.15 + 7 * 0.6)) / 1e6, 12)
    const claudeCost = Number(sample('switchboard_cost_usd_total', claude)?.value)
    expect(claudeCost).toBeCloseTo((13 * 3 + 5 * 15) / 1e6, 12)

    expect(
      sample('switchboard_fallbacks_total', { provider: 'oai', model: 'gpt-4o-mini' })?.value,
    ).toBe('1')

    // Turn marks, as the log has them: the metric says the same.
    const newTurns = log.filter((e) => e.turn && !e.turn.continued).length
    expect(newTurns).toBeGreaterThan(0)
    expect(sample('switchboard_turns_total', { kind: 'new' })?.value).toBe(String(newTurns))
  })

  it('labels a model the client typed, which the provider does not list, as "other"', async () => {
    await w.openai.chat.completions.create({
      model: 'oai/made-up-model-name-12345',
      messages: [{ role: 'user', content: 'direct' }],
    })
    await loggedRequests(w.t)
    const text = await scrapeText(METRICS_TOKEN)
    expect(text).not.toContain('made-up-model-name-12345')
    expect(text).toMatch(/switchboard_requests_total\{[^}]*model="other",rule_kind="direct"/)
  })

  it('counts a flood of 401s without logging them, and logs and counts a spent member cap (429)', async () => {
    const families = async () => {
      await loggedRequests(w.t) // flushes the batch, which feeds the log-fed metrics
      return parsePrometheusTextFormat(await scrapeText(METRICS_TOKEN))
    }
    const total = (all: Awaited<ReturnType<typeof families>>, name: string, status: string) =>
      (all.find((f) => f.name === name)?.metrics ?? [])
        .filter((m) => m.labels?.status === status)
        .reduce((sum, m) => sum + Number(m.value), 0)
    const newestId = async () => (await loggedRequests(w.t))[0]?.id ?? 0
    const { key, secret } = await w.t.core.api.createMemberKey({
      name: 'metered',
      dailyCapUsd: 0.000001,
    })
    await w.t.core.api.updateSettings({ requireMuxKeys: true })
    try {
      const post = (headers: Record<string, string>) =>
        fetch(w.t.url + '/v1/mux/chat/completions', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ model: 'anything', messages: [{ role: 'user', content: 'hi' }] }),
        })
      const before = await families()
      const lastId = await newestId()
      const strangers: Record<string, string>[] = [
        {},
        { authorization: 'Bearer sk-sb-stranger-guess-0123' },
        { 'x-api-key': 'sk-ant-stranger-provider-key' },
      ]
      for (let i = 0; i < 50; i++) expect((await post(strangers[i % 3]!)).status).toBe(401)

      // Not one row: a stranger cannot push history (and today's spend) out of the log.
      expect(await newestId()).toBe(lastId)
      let after = await families()
      const refused = 'switchboard_refused_requests_total'
      expect(total(after, refused, '401') - total(before, refused, '401')).toBe(50)
      expect(after.find((f) => f.name === refused)!.metrics).toEqual([
        { labels: { status: '401', reason: 'member_key' }, value: expect.any(String) },
      ])
      const requests = 'switchboard_requests_total'
      expect(total(after, requests, '401')).toBe(total(before, requests, '401'))

      const keyed = { authorization: `Bearer ${secret}` }
      expect((await post(keyed)).status).toBe(200) // $0.0000058: over the cap once logged
      await loggedRequests(w.t)
      expect((await post(keyed)).status).toBe(429)
      after = await families()
      // A member past its cap is logged with its key, at no cost, and counted like any request.
      const [capped, served] = await loggedRequests(w.t)
      expect(capped!.id).toBe(lastId + 2)
      expect(capped).toMatchObject({ status: 429, keyId: key.id, workspace: 'default', costUsd: 0 })
      expect(capped!.error).toContain('daily spend cap')
      expect(served).toMatchObject({ status: 200, keyId: key.id })
      expect(total(after, requests, '429') - total(before, requests, '429')).toBe(1)
      const byKey = (name: string) =>
        after.find((f) => f.name === name)!.metrics.find((m) => m.labels?.key === key.id)?.value
      expect(byKey('switchboard_member_key_requests_total')).toBe('2')
      expect(Number(byKey('switchboard_member_key_cost_usd_total'))).toBe(served!.costUsd)

      const scraped = await scrapeText(METRICS_TOKEN)
      const logged = JSON.stringify(await loggedRequests(w.t))
      for (const text of [scraped, logged]) {
        expect(text).not.toContain('sk-sb-')
        expect(text).not.toContain('sk-ant-stranger')
        expect(text).not.toContain(secret)
      }
    } finally {
      await w.t.core.api.updateSettings({ requireMuxKeys: false })
    }
  })

  it('keeps each core its own registry', async () => {
    const other = await startTestCore()
    try {
      const res = await fetch(other.url + '/metrics', {
        headers: { authorization: `Bearer ${other.core.adminToken}` },
      })
      const families = parsePrometheusTextFormat(await res.text())
      const requests = families.find((f) => f.name === 'switchboard_requests_total')!
      expect(requests.metrics).toEqual([])
    } finally {
      await other.close()
    }
  })
})
