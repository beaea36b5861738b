import OpenAI from 'openai'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Provider } from '../../src/shared/schemas.ts'
import {
  catchAllOffers,
  checklist,
  currentProblem,
  currentStep,
  setupProblem,
} from '../../src/renderer/src/lib/onboarding.ts'
import { proxyBadge } from '../../src/renderer/src/lib/proxy-status.ts'
import { completeRules, newRule } from '../../src/renderer/src/lib/rule-draft.ts'
import { saveStateText } from '../../src/renderer/src/lib/save-state.ts'
import { useUnsaved } from '../../src/renderer/src/stores/unsaved.ts'
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-upstreams.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

const provider = (id: string, models: string[], status: Provider['status'] = 'ok') =>
  ({ id, status, models: models.map((m) => ({ id: m })) }) as Provider

describe('first-run checklist', () => {
  it('ticks each step from what the core says, in order', () => {
    const none = checklist({ providers: [], catchAll: null, copied: false, firstOk: null })
    expect(none.map((s) => s.done)).toEqual([false, false, false, false])
    expect(currentStep(none)).toBe('provider')
    const withCatchAll = checklist({
      providers: [{ id: 'oai' }],
      catchAll: { target: { provider: 'oai', model: 'gpt-4o' }, fallbacks: [] },
      copied: false,
      firstOk: null,
    })
    expect(currentStep(withCatchAll)).toBe('client')
  })

  it('offers chat models of providers that answered first, never embeddings', () => {
    const offers = catchAllOffers([
      provider('down', ['llama3'], 'error'),
      provider('oai', ['text-embedding-3-small', 'gpt-4o', 'gpt-4o-mini']),
    ])
    expect(offers).toEqual([
      { provider: 'oai', model: 'gpt-4o' },
      { provider: 'oai', model: 'gpt-4o-mini' },
      { provider: 'down', model: 'llama3' },
    ])
  })
})

// The setup problems are read from the core's own error wording: real requests to a real core.
describe('setup problems from real failed requests', () => {
  let t: TestCore
  let up: FakeUpstream
  let deadPort: number
  beforeAll(async () => {
    ;[t, up] = await Promise.all([startTestCore(), startFakeOpenAI()])
    // A port that was free a moment ago: connections to it are refused.
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    deadPort = (probe.address() as { port: number }).port
    await new Promise((r) => probe.close(r))
  })
  afterAll(async () => {
    await t?.close()
    await up?.close()
  })

  const client = () => new OpenAI({ baseURL: t.url + '/v1/mux', apiKey: 'any', maxRetries: 0 })
  const ask = (model: string) =>
    client()
      .chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)
  const newest = async () => (await t.core.api.listRequests({ limit: 1 })).requests[0]!

  it('a missing catch-all, an unknown workspace, a wrong path, a provider that does not answer', async () => {
    await ask('switchboard')
    expect(setupProblem(await newest())).toEqual({ kind: 'no-catch-all', workspace: 'default' })

    await ask('workspace:backend')
    expect(setupProblem(await newest())).toEqual({
      kind: 'unknown-workspace',
      workspace: 'backend',
    })

    await fetch(t.url + '/v1/mux/chat', { method: 'POST', body: '{}' })
    expect(setupProblem(await newest())).toEqual({ kind: 'wrong-path', path: '/v1/mux/chat' })

    await t.core.api.createProvider({
      id: 'gone',
      name: 'Gone',
      kind: 'openai',
      endpoint: `http://127.0.0.1:${deadPort}/v1`,
      apiKey: 'sk-x',
    })
    await ask('gone/gpt-4o')
    expect(setupProblem(await newest())).toEqual({ kind: 'unreachable', provider: 'gone' })
  })

  it('stops showing a problem once a later request was answered', async () => {
    await t.core.api.createProvider({
      id: 'oai',
      name: 'OpenAI',
      kind: 'openai',
      endpoint: up.url + '/v1',
      apiKey: 'sk-y',
    })
    expect(currentProblem((await t.core.api.listRequests({})).requests)?.problem.kind).toBe(
      'unreachable',
    )
    await ask('oai/gpt-4o')
    const { requests } = await t.core.api.listRequests({})
    expect(requests[0]!.status).toBe(200)
    expect(currentProblem(requests)).toBeNull()
  })
})

describe('status and save state', () => {
  it('says the proxy is unreachable while the event stream is down, whatever it heard last', () => {
    const listening = { state: 'listening', url: 'http://127.0.0.1:9', host: '127.0.0.1', port: 9 }
    expect(proxyBadge(listening as never, 'open')).toEqual({ tone: 'ok', label: 'Proxy on :9' })
    expect(proxyBadge(listening as never, 'reconnecting')?.label).toBe('Switchboard unreachable')
    expect(proxyBadge({ state: 'stopped' }, 'open')?.tone).toBe('warn')
  })

  it('words the settings save state', () => {
    expect(saveStateText({ phase: 'saving' })).toBe('Saving…')
    expect(saveStateText({ phase: 'saved' })).toBe('Saved')
    expect(saveStateText({ phase: 'error', message: 'boom', key: null })).toBe('boom')
    expect(saveStateText({ phase: 'idle' })).toBeNull()
  })
})

describe('draft rules for Try it', () => {
  it('routes by the complete rules and names the incomplete ones', () => {
    const done = { ...newRule('filename'), pattern: '.tsx', target: { provider: 'a', model: 'b' } }
    const { rules, incomplete } = completeRules([newRule('filename'), done])
    expect(rules).toHaveLength(1)
    expect(rules[0]).toMatchObject({ pattern: '.tsx' })
    expect(incomplete).toEqual([1])
  })
})

describe('unsaved-changes guard', () => {
  const form = (saves: boolean) => {
    const calls: string[] = []
    return {
      calls,
      form: {
        label: 'Rules of default',
        save: async () => (calls.push('save'), saves),
        discard: () => void calls.push('discard'),
      },
    }
  }

  it('moves at once when nothing is unsaved', () => {
    let moved = false
    useUnsaved.getState().guard(() => (moved = true))
    expect(moved).toBe(true)
  })

  it('asks, then stays, discards or saves before moving', async () => {
    const f = form(true)
    let moved = 0
    const { mark, guard, choose } = useUnsaved.getState()
    mark('rules', f.form)
    guard(() => moved++)
    expect(moved).toBe(0)
    expect(useUnsaved.getState().pending).not.toBeNull()
    await choose('stay')
    expect(moved).toBe(0)
    expect(useUnsaved.getState().forms).toHaveProperty('rules')

    guard(() => moved++)
    await choose('save')
    expect(f.calls).toEqual(['save'])
    expect(moved).toBe(1)
    expect(useUnsaved.getState().forms).toEqual({})

    mark('rules', f.form)
    guard(() => moved++)
    await choose('discard')
    expect(f.calls).toEqual(['save', 'discard'])
    expect(moved).toBe(2)
  })

  it('stays with the reason when saving is refused', async () => {
    const f = form(false)
    let moved = false
    useUnsaved.getState().mark('rules', f.form)
    useUnsaved.getState().guard(() => (moved = true))
    await useUnsaved.getState().choose('save')
    expect(moved).toBe(false)
    expect(useUnsaved.getState().error).toMatch(/Rules of default: fix what is marked/)
    await useUnsaved.getState().choose('discard')
    expect(moved).toBe(true)
  })
})
