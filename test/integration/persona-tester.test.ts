import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

// A fresh install: the embedding engine is selected by default but no model is installed, so the
// lexical engine classifies requests, and the test box must say so and show its scores.
let t: TestCore
beforeAll(async () => {
  t = await startTestCore()
  await t.core.api.createPersona({
    name: 'Frontend',
    description: 'Builds web user interfaces with HTML, CSS, JavaScript and frameworks like React.',
  })
  await t.core.api.createPersona({
    name: 'Data',
    description: 'Works with data: SQL queries, data pipelines and ETL, analysis with pandas.',
  })
})
afterAll(() => t.close())

const test = async (prompt: string) => {
  const res = await t.api('/personas/test', { method: 'POST', body: JSON.stringify({ prompt }) })
  expect(res.status).toBe(200)
  return res.json()
}

describe('POST /api/v1/personas/test on a fresh install', () => {
  it('answers with the engine that serves requests (lexical), with scores', async () => {
    const status = await t.core.api.getClassifierStatus({})
    expect(status).toMatchObject({ configuredEngine: 'embedding', servingEngine: 'lexical' })

    const body = await test('My useEffect refetches in a loop and the React component flickers')
    expect(body).toMatchObject({
      engine: 'lexical',
      personaId: 'frontend',
      abstained: null,
      error: null,
    })
    expect(body.scores.map((s: { personaId: string }) => s.personaId)).toEqual(['frontend', 'data'])
    expect(body.scores[0].score).toBeGreaterThan(body.scores[1].score)
  })

  it('says "no persona" and why for a prompt that fits none', async () => {
    const body = await test('Write a limerick about a cat who learned to use the printer.')
    expect(body).toMatchObject({ engine: 'lexical', personaId: null, error: null })
    expect(body.abstained).toMatch(/no persona scored|below/)
  })

  it('still reports a missing model when that engine is asked for by name', async () => {
    const res = await t.api('/personas/test', {
      method: 'POST',
      body: JSON.stringify({ prompt: 'x', engine: 'embedding' }),
    })
    expect(await res.json()).toMatchObject({ engine: 'embedding', scores: [] })
  })
})
