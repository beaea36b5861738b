import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestLogEntry } from '../../src/shared/activity.ts'
import type { Persona } from '../../src/shared/schemas.ts'
import { startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'
import { startTestCore } from '../helpers/test-core.ts'

// With the lexical engine, "page" is frontend evidence and nothing here speaks of performance, so
// these asks go to Frontend until the user teaches Performance otherwise.
const SLOW_PAGE = 'The product list page takes four seconds to show up, can you help me fix it?'
const SLOW_PAGE_AGAIN = 'The product list page takes six seconds to show up, please help me fix it'

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.updateSettings({ classifierEngine: 'lexical' })
  await w.t.core.api.createPersona({
    name: 'Frontend',
    description: 'Builds web interfaces with React components, CSS layout and accessibility.',
  })
  await w.t.core.api.createPersona({
    name: 'Performance',
    description: 'Finds why software is slow and makes it faster: profiling, caching and tuning.',
  })
  await w.t.core.api.setRules({
    name: 'default',
    rules: [
      {
        kind: 'persona',
        persona: 'frontend',
        target: { provider: 'claude', model: 'claude-sonnet-4-5' },
      },
      { kind: 'persona', persona: 'performance', target: { provider: 'local', model: 'llama3.2' } },
    ],
  })
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
})
afterAll(() => w.close())

async function ask(content: string) {
  const { response } = await w.openai.chat.completions
    .create({ model: 'switchboard', messages: [{ role: 'user', content }] })
    .withResponse()
  return { provider: response.headers.get('x-switchboard-provider') }
}

async function json<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await w.t.api(path, init)
  return { status: res.status, body: (await res.json()) as T }
}

async function newestRequest(): Promise<RequestLogEntry> {
  const { body } = await json<{ requests: RequestLogEntry[] }>('/requests?limit=1')
  return body.requests[0]!
}

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) })
const persona = async (id: string) =>
  (await json<Persona[]>('/personas')).body.find((p) => p.id === id)!

describe('learning from corrections', () => {
  it('routes the next similar ask to the persona the user said was right; removing the example undoes it', async () => {
    expect(await ask(SLOW_PAGE)).toEqual({ provider: 'claude' })
    const wrong = await newestRequest()
    expect(wrong.classification).toMatchObject({ personaId: 'frontend', engine: 'lexical' })

    // The log keeps no prompt text; the classified ask is held in memory for corrections.
    const kept = await json<{ text: string | null }>(`/requests/${wrong.id}/ask`)
    expect(kept.body.text).toBe(SLOW_PAGE)

    const corrected = await json<{ example: { id: number; text: string }; message: string }>(
      '/personas/corrections',
      post({ requestId: wrong.id, verdict: 'wrong', personaId: 'performance' }),
    )
    expect(corrected.status).toBe(200)
    expect(corrected.body.example.text).toBe(SLOW_PAGE)
    expect(corrected.body.message).toMatch(/now an example of "Performance"/)

    expect(await ask(SLOW_PAGE_AGAIN)).toEqual({ provider: 'local' })
    expect((await newestRequest()).classification?.personaId).toBe('performance')

    const learned = (await persona('performance')).learnedExamples
    expect(learned).toEqual([
      expect.objectContaining({
        text: SLOW_PAGE,
        source: 'request',
        requestId: wrong.id,
        requestAt: wrong.at,
      }),
    ])
    const removed = await json<Persona>(`/personas/performance/examples/${learned[0]!.id}`, {
      method: 'DELETE',
    })
    expect(removed.body.learnedExamples).toEqual([])
    expect(await ask(SLOW_PAGE_AGAIN)).toEqual({ provider: 'claude' })
  })

  it('counts verdicts per persona: checked, right, and missed', async () => {
    await ask('Center this React component with CSS grid and keep it accessible')
    const right = await newestRequest()
    expect(right.classification?.personaId).toBe('frontend')
    const verdict = await json<{ message: string }>(
      '/personas/corrections',
      post({ requestId: right.id, verdict: 'right' }),
    )
    expect(verdict.body.message).toMatch(/Marked right/)

    const frontend = await persona('frontend')
    // One wrong (the slow page in the test above) and one right.
    expect(frontend.accuracy).toEqual({ checked: 2, right: 1, missed: 0 })
    expect(frontend.learnedExamples.map((e) => e.text)).toEqual([
      'Center this React component with CSS grid and keep it accessible',
    ])
    expect((await persona('performance')).accuracy).toEqual({ checked: 0, right: 0, missed: 1 })

    // Correcting the same request again replaces the verdict and what it taught.
    await json(
      '/personas/corrections',
      post({ requestId: right.id, verdict: 'wrong', personaId: null }),
    )
    const after = await persona('frontend')
    expect(after.accuracy).toEqual({ checked: 2, right: 0, missed: 0 })
    expect(after.learnedExamples).toEqual([])
  })

  it('learns from the test box too, and exports and imports learned examples', async () => {
    const taught = await w.t.core.api.correctPersonaDecision({
      text: SLOW_PAGE,
      verdict: 'wrong',
      personaId: 'performance',
    })
    expect(taught.example).toMatchObject({ text: SLOW_PAGE, source: 'tester', requestId: null })
    expect(await ask(SLOW_PAGE_AGAIN)).toEqual({ provider: 'local' })

    const exported = await json<{ switchboard: string; personas: unknown[] }>('/personas/export')
    expect(exported.body.personas).toContainEqual({
      id: 'performance',
      name: 'Performance',
      description: 'Finds why software is slow and makes it faster: profiling, caching and tuning.',
      examples: [],
      learnedExamples: [{ text: SLOW_PAGE, source: 'tester', requestAt: null }],
    })

    await w.t.core.api.removePersonaExample({ id: 'performance', exampleId: taught.example!.id })
    expect(await ask(SLOW_PAGE_AGAIN)).toEqual({ provider: 'claude' })

    const skipped = await json<{ skipped: string[] }>(
      '/personas/import',
      post({ document: exported.body }),
    )
    expect(skipped.body.skipped).toEqual(['frontend', 'performance'])
    const imported = await json<{ replaced: string[] }>(
      '/personas/import',
      post({ document: exported.body, replace: true }),
    )
    expect(imported.body.replaced).toEqual(['frontend', 'performance'])
    expect((await persona('performance')).learnedExamples).toEqual([
      expect.objectContaining({ text: SLOW_PAGE, source: 'tester', requestId: null }),
    ])
    expect(await ask(SLOW_PAGE_AGAIN)).toEqual({ provider: 'local' })
  })

  it('answers bad corrections with a 4xx naming the field', async () => {
    await w.openai.chat.completions.create({
      model: 'oai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'straight to a model' }],
    })
    const direct = await newestRequest()
    const cases: [unknown, number, string | null, RegExp][] = [
      [{ requestId: direct.id }, 400, 'verdict', /"right" or "wrong"/],
      [{ requestId: direct.id, verdict: 'wrong' }, 400, 'personaId', /which persona was right/],
      [{ requestId: 1, text: 'x', verdict: 'right' }, 400, 'requestId', /not both/],
      [{ requestId: 'abc', verdict: 'right' }, 400, 'requestId', /logged request/],
      [{ requestId: 999_999, verdict: 'right' }, 404, 'requestId', /No logged request/],
      [
        { requestId: direct.id, verdict: 'right' },
        409,
        'requestId',
        /without the persona classifier/,
      ],
      [{ text: 'hi', verdict: 'right', personaId: 'ghost' }, 404, 'personaId', /No persona/],
    ]
    for (const [body, status, param, message] of cases) {
      const res = await json<{ error: { param: string | null; message: string } }>(
        '/personas/corrections',
        post(body),
      )
      expect({ body, status: res.status, param: res.body.error.param }).toEqual({
        body,
        status,
        param,
      })
      expect(res.body.error.message).toMatch(message)
    }
    await ask(SLOW_PAGE)
    const classified = await newestRequest()
    const same = await json<{ error: { param: string } }>(
      '/personas/corrections',
      post({
        requestId: classified.id,
        verdict: 'wrong',
        personaId: classified.classification!.personaId,
      }),
    )
    expect(same).toMatchObject({ status: 400, body: { error: { param: 'personaId' } } })
    const missing = await json<{ error: { param: string } }>('/personas/frontend/examples/12345', {
      method: 'DELETE',
    })
    expect(missing).toMatchObject({ status: 404, body: { error: { param: 'exampleId' } } })
  })
})

describe('after a restart', () => {
  it('still records the verdict but says the text is gone', async () => {
    const first = await startTestCore()
    await first.core.api.updateSettings({ classifierEngine: 'lexical' })
    await first.core.api.createPersona({
      name: 'Frontend',
      description: 'Builds web interfaces with React components, CSS layout and accessibility.',
    })
    await first.core.api.createPersona({
      name: 'Performance',
      description: 'Finds why software is slow and makes it faster: profiling, caching and tuning.',
    })
    // A persona rule makes the request classified; the unreachable provider does not matter.
    await first.core.api.createProvider({
      id: 'oai',
      name: 'OpenAI',
      kind: 'openai',
      endpoint: 'http://127.0.0.1:9/v1',
    })
    await first.core.api.setRules({
      name: 'default',
      rules: [{ kind: 'persona', persona: 'frontend', target: { provider: 'oai', model: 'm' } }],
    })
    await fetch(first.url + '/v1/mux/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'switchboard',
        messages: [{ role: 'user', content: SLOW_PAGE }],
      }),
    })
    const [logged] = (await first.core.api.listRequests({})).requests
    expect(logged!.classification?.personaId).toBe('frontend')
    await first.close({ keepData: true })

    const second = await startTestCore({ dataDir: first.dataDir })
    try {
      expect(await second.core.api.getRequestAsk({ requestId: logged!.id })).toEqual({
        requestId: logged!.id,
        text: null,
      })
      const result = await second.core.api.correctPersonaDecision({
        requestId: logged!.id,
        verdict: 'wrong',
        personaId: 'performance',
      })
      expect(result).toMatchObject({ askAvailable: false, example: null })
      expect(result.message).toMatch(/no longer available; add an example by hand/)
      const personas = await second.core.api.listPersonas({})
      expect(personas.find((p) => p.id === 'performance')!.accuracy.missed).toBe(1)
      // Ids keep counting after a restart, so a new request never takes an old one's id.
      await fetch(second.url + '/v1/mux/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'switchboard', messages: [{ role: 'user', content: 'hi' }] }),
      })
      const [next] = (await second.core.api.listRequests({})).requests
      expect(next!.id).toBeGreaterThan(logged!.id)
    } finally {
      await second.close()
    }
  })
})
