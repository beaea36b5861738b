import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.createGroup({
    id: 'smart',
    strategy: 'heuristic',
    targets: [
      { provider: 'oai', model: 'gpt-4o-mini' },
      { provider: 'claude', model: 'claude-sonnet-4-5' },
    ],
    rules: [{ pattern: '/^quick:/', target: 0 }],
  })
})
afterAll(() => w.close())

const send = (model: string, content: string) =>
  w.openai.chat.completions.create({ model, messages: [{ role: 'user', content }] }).withResponse()

describe('model groups', () => {
  it('seeds examples that need a provider, and `auto` once a provider lists models', async () => {
    const groups = await w.t.core.api.listGroups({})
    const byId = Object.fromEntries(groups.map((g) => [g.id, g]))
    expect(byId['deepseek-auto']!.unavailable).toEqual(['deepseek-chat', 'deepseek-reasoner'])
    expect(byId['gemini-auto']!.targets.map((t) => t.model)).toEqual([
      'gemini-2.0-flash',
      'gemini-2.5-pro',
    ])
    // the fake OpenAI lists gpt-4o, so openai-auto has one target served and one still missing
    expect(byId['openai-auto']!.unavailable).toEqual(['gpt-4o-mini'])
    expect(byId.auto!.targets[0]).toEqual({ provider: 'oai', model: 'gpt-4o' })
  })

  it('heuristic: user rules, then complexity indicators pick the strongest, else the first', async () => {
    const hard = await send('smart', 'Please refactor the payment module step by step')
    expect(hard.response.headers.get('x-switchboard-provider')).toBe('claude')
    expect(hard.response.headers.get('x-switchboard-group')).toMatch(
      /^smart; strategy=heuristic; reason=complexity indicator "step by step"/,
    )

    const easy = await send('smart', 'what does this regex do')
    expect(easy.response.headers.get('x-switchboard-model')).toBe('gpt-4o-mini')

    const ruled = await send('smart', 'quick: refactor everything')
    expect(ruled.response.headers.get('x-switchboard-model')).toBe('gpt-4o-mini')
    expect(ruled.response.headers.get('x-switchboard-group')).toMatch(/reason=rule 1 matched/)

    const [entry] = await loggedRequests(w.t)
    expect(entry!.group).toMatchObject({ id: 'smart', strategy: 'heuristic', targetIndex: 0 })
  })

  it('serves the nearest target a provider serves, with the others as fallbacks', async () => {
    const { response } = await send('openai-auto', 'hello')
    expect(response.headers.get('x-switchboard-provider')).toBe('oai')
    expect(response.headers.get('x-switchboard-model')).toBe('gpt-4o')
    const none = await send('deepseek-auto', 'hello').catch((e) => e)
    expect(none.status).toBe(422)
    expect(none.message).toMatch(
      /Model group "deepseek-auto" needs a provider: none of your providers serves deepseek-chat, deepseek-reasoner/,
    )
  })

  it('classifier: a provider model rates (opt-in), garbage is clamped, failure falls back to the heuristic', async () => {
    await w.t.core.api.createGroup({
      id: 'rated',
      strategy: 'classifier',
      targets: [
        { provider: 'local', model: 'small' },
        { provider: 'local', model: 'medium' },
        { provider: 'claude', model: 'claude-sonnet-4-5' },
      ],
      classifier: { source: 'provider', target: { provider: 'oai', model: 'gpt-4o-mini' } },
    })
    w.openaiUp.behaviour.rating = '2'
    const two = await send('rated', 'add a null check')
    expect(two.response.headers.get('x-switchboard-model')).toBe('medium')
    expect(two.response.headers.get('x-switchboard-group')).toMatch(
      /reason=rated 2 of 3 by oai\/gpt-4o-mini/,
    )
    expect(w.openaiUp.bodies().at(-1)).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 4 })

    w.openaiUp.behaviour.rating = '11'
    const clamped = await send('rated', 'add a null check')
    expect(clamped.response.headers.get('x-switchboard-model')).toBe('claude-sonnet-4-5')
    expect(clamped.response.headers.get('x-switchboard-group')).toMatch(
      /rated 3 of 3 .*answer 11 clamped/,
    )

    w.openaiUp.behaviour.rating = 'I think it is hard'
    const fallback = await send('rated', 'tiny fix')
    expect(fallback.response.headers.get('x-switchboard-model')).toBe('small')
    expect(fallback.response.headers.get('x-switchboard-group')).toMatch(
      /classifier failed \(.*not a rating\); heuristic: no complexity indicator/,
    )
    delete w.openaiUp.behaviour.rating
  })

  it('falls back to the heuristic when no local generative model is ready', async () => {
    await w.t.core.api.createGroup({
      id: 'local-rated',
      strategy: 'classifier',
      targets: [
        { provider: 'oai', model: 'gpt-4o-mini' },
        { provider: 'oai', model: 'gpt-4o' },
      ],
    })
    const result = await w.t.core.api.testGroup({
      id: 'local-rated',
      prompt: 'debug this deadlock',
    })
    expect(result).toMatchObject({ targetIndex: 1, target: { provider: 'oai', model: 'gpt-4o' } })
    expect(result.reason).toMatch(
      /classifier failed \(no local generative model is ready\); heuristic: complexity indicator "debug"/,
    )
  })

  it('serves as a rule target inside a workspace, and is listed as a model', async () => {
    await w.t.core.api.setRules({
      name: 'default',
      rules: [{ kind: 'filename', pattern: '.tsx', target: { provider: 'group', model: 'smart' } }],
    })
    await w.t.core.api.setCatchAll({
      name: 'default',
      catchAll: { target: { provider: 'local', model: 'x' } },
    })
    const { response } = await send('switchboard', 'refactor this\n```tsx src/App.tsx\nx\n```')
    expect(response.headers.get('x-switchboard-rule')).toBe('filename ".tsx"')
    expect(response.headers.get('x-switchboard-provider')).toBe('claude')
    const ids: string[] = []
    for await (const m of w.openai.models.list()) ids.push(m.id)
    expect(ids).toEqual(expect.arrayContaining(['smart', 'auto', 'openai-auto']))
  })

  it('validates with clear errors', async () => {
    const post = async (body: unknown) => {
      const res = await w.t.api('/model-groups', { method: 'POST', body: JSON.stringify(body) })
      return { status: res.status, error: (await res.json()).error }
    }
    const target = [{ provider: 'oai', model: 'gpt-4o' }]
    expect(await post({ id: 'g1', strategy: 'random', targets: target })).toMatchObject({
      status: 400,
      error: { param: 'strategy' },
    })
    expect(await post({ id: 'g2', strategy: 'heuristic', targets: [] })).toMatchObject({
      status: 400,
      error: { message: expect.stringMatching(/at least one target/) },
    })
    expect(
      await post({ id: 'g3', strategy: 'heuristic', targets: [{ provider: 'nope', model: 'x' }] }),
    ).toMatchObject({ status: 400, error: { param: 'targets[0].provider' } })
    expect(
      await post({
        id: 'g4',
        strategy: 'heuristic',
        targets: target,
        rules: [{ pattern: 'x', target: 3 }],
      }),
    ).toMatchObject({ status: 400, error: { param: 'rules[0].target' } })
    expect(
      await post({
        id: 'g5',
        strategy: 'heuristic',
        targets: target,
        rules: [{ pattern: '/(/', target: 0 }],
      }),
    ).toMatchObject({ status: 400, error: { param: 'rules[0].pattern' } })
    expect(
      await post({ id: 'g6', strategy: 'heuristic', targets: target, rules: 'not a list' }),
    ).toMatchObject({ status: 400, error: { param: 'rules' } })
    expect(await post({ id: 'default', strategy: 'heuristic', targets: target })).toMatchObject({
      status: 409,
      error: { message: expect.stringMatching(/name of a workspace/) },
    })
    expect(await post({ id: 'oai', strategy: 'heuristic', targets: target })).toMatchObject({
      status: 409,
      error: { message: expect.stringMatching(/name of a provider/) },
    })
    expect(await post({ id: 'oai/gpt', strategy: 'heuristic', targets: target })).toMatchObject({
      status: 400,
      error: { param: 'id' },
    })
    expect(await post({ id: 'smart', strategy: 'heuristic', targets: target })).toMatchObject({
      status: 409,
    })
    expect(
      await post({
        id: 'opted',
        strategy: 'classifier',
        targets: target,
        classifier: { source: 'provider' },
      }),
    ).toMatchObject({
      status: 400,
      error: { message: expect.stringMatching(/spends tokens/) },
    })
  })
})
