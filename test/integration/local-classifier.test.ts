import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeTinyLlamaGguf } from '../helpers/gguf-writer.ts'
import { startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

// Real node-llama-cpp on a GGUF the test writes: random weights, so which persona wins is arbitrary
// but deterministic; the tests check the mechanics a user sees, end to end through /v1/mux.

let w: MuxWorld
const temp = makeTempDir()
const prompt = 'My React component re-renders on every keystroke'

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read()
    if (done(value)) return value
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

beforeAll(async () => {
  w = await startMuxWorld()
  const file = join(temp.dir, 'tiny-classifier.gguf')
  writeTinyLlamaGguf(file, { vocab: ['react', 'docker', 'render', 'deploy'] })
  await w.t.core.api.importModel({ path: file, engine: 'embedding' })
  await w.t.core.api.importModel({ path: file, engine: 'generative' })
  await w.t.core.api.createPersona({
    name: 'Frontend',
    description: 'Builds web interfaces with React and CSS.',
  })
  await w.t.core.api.createPersona({
    name: 'Ops',
    description: 'Runs containers, deployments and cloud infrastructure.',
  })
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
})
afterAll(async () => {
  await w.close()
  temp.cleanup()
})

describe('local GGUF classifier models through /v1/mux', () => {
  it('lists imported models as ready and says lexical serves until a model is chosen', async () => {
    const models = await w.t.core.api.listModels({})
    const imported = models.filter((m) => m.source === 'imported')
    expect(imported.map((m) => [m.engine, m.status.state])).toEqual([
      ['embedding', 'ready'],
      ['generative', 'ready'],
    ])
    const status = await w.t.core.api.getClassifierStatus({})
    expect(status).toMatchObject({ configuredEngine: 'embedding', servingEngine: 'lexical' })
    expect(status.hint).toMatch(/lexical engine classifies meanwhile/)
    expect(models.filter((m) => m.source === 'catalog').length).toBeGreaterThan(3)
  })

  it('routes by the embedding engine once its model is loaded', async () => {
    await w.t.core.api.updateSettings({
      classifierEngine: 'embedding',
      classifierCascade: false,
      embeddingMinScore: -1,
      embeddingMinMargin: 0,
    })
    const [embedding] = (await w.t.core.api.listModels({})).filter(
      (m) => m.source === 'imported' && m.engine === 'embedding',
    )
    await w.t.core.api.setActiveModel({ engine: 'embedding', id: embedding!.id })
    await waitFor(
      () => w.t.core.api.getClassifierStatus({}),
      (s) => s.servingEngine === 'embedding',
      'the embedding model to load',
    )

    const scores = await w.t.core.api.testPersonas({ prompt })
    expect(scores.engine).toBe('embedding')
    expect(scores.error).toBeNull()
    const winner = scores.scores[0]!
    await w.t.core.api.setRules({
      name: 'default',
      rules: [
        {
          kind: 'persona',
          persona: winner.personaId,
          target: { provider: 'claude', model: 'claude-sonnet-4-5' },
        },
      ],
    })
    const { response } = await w.openai.chat.completions
      .create({ model: 'x', messages: [{ role: 'user', content: prompt }] })
      .withResponse()
    expect(response.headers.get('x-switchboard-provider')).toBe('claude')
    expect(response.headers.get('x-switchboard-persona')).toMatch(
      new RegExp(`^${winner.name}; score=.*engine=embedding; source=classifier`),
    )
  })

  it('reads the start of the ask within embeddingTokenBudget, validated and applied at once', async () => {
    const patch = (embeddingTokenBudget: unknown) =>
      w.t.api('/settings', { method: 'PATCH', body: JSON.stringify({ embeddingTokenBudget }) })
    const bad = await patch(4)
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toMatchObject({
      param: 'embeddingTokenBudget',
      message: expect.stringMatching(/at least 16 tokens/),
    })
    expect((await patch(64.5)).status).toBe(400)
    expect((await w.t.core.api.getSettings({})).embeddingTokenBudget).toBe(128)

    // Two asks that start alike and end apart: a 16-token budget reads only the shared start.
    const start = 'my component re-renders on every keystroke, tell me why'
    const scores = async (ask: string) =>
      (await w.t.core.api.testPersonas({ prompt: ask, engine: 'embedding' })).scores
    expect((await patch(16)).status).toBe(200)
    const [docker, react] = [await scores(`${start} docker deploy`), await scores(`${start} react`)]
    expect(docker).toEqual(react)
    expect((await patch(128)).status).toBe(200)
    expect(await scores(`${start} docker deploy`)).not.toEqual(await scores(`${start} react`))
  })

  it('routes by the grammar-constrained generative engine, always a known persona or none', async () => {
    await w.t.core.api.updateSettings({
      classifierEngine: 'generative',
      classifierCascade: false,
      classifierTimeoutMs: 20_000,
    })
    const [generative] = (await w.t.core.api.listModels({})).filter(
      (m) => m.source === 'imported' && m.engine === 'generative',
    )
    await w.t.core.api.setActiveModel({ engine: 'generative', id: generative!.id })
    await waitFor(
      () => w.t.core.api.getClassifierStatus({}),
      (s) => s.servingEngine === 'generative',
      'the generative model to load',
    )
    const { response } = await w.openai.chat.completions
      .create({ model: 'x', messages: [{ role: 'user', content: 'docker deploy keeps failing' }] })
      .withResponse()
    expect(response.headers.get('x-switchboard-persona')).toMatch(
      /^(Frontend|Ops|none); .*engine=generative/,
    )
  })

  it('rates complexity for a classifier model group with the local model, no tokens spent', async () => {
    await w.t.core.api.createGroup({
      id: 'local-rated',
      strategy: 'classifier',
      targets: [
        { provider: 'oai', model: 'gpt-4o-mini' },
        { provider: 'oai', model: 'gpt-4o' },
      ],
    })
    const before = w.openaiUp.requests.length
    const result = await w.t.core.api.testGroup({
      id: 'local-rated',
      prompt: 'rename this variable',
    })
    expect(result.reason).toMatch(/^rated [12] of 2 by the local model$/)
    expect(result.rating).toBe(result.targetIndex + 1)
    expect(w.openaiUp.requests.length).toBe(before)
  })
})
