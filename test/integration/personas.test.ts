import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggedRequests, startMuxWorld, type MuxWorld } from '../helpers/mux-setup.ts'

let w: MuxWorld
beforeAll(async () => {
  w = await startMuxWorld()
  await w.t.core.api.updateSettings({ classifierEngine: 'lexical' })
  await w.t.core.api.createPersona({
    name: 'Frontend React Expert',
    description: 'Builds fast, accessible web interfaces with React and TypeScript.',
  })
  await w.t.core.api.createPersona({
    name: 'DevOps',
    description: 'Automates builds, deployments and cloud infrastructure so releases ship safely.',
  })
  await w.t.core.api.setRules({
    name: 'default',
    rules: [
      {
        kind: 'filename',
        pattern: '*.py',
        target: { provider: 'local', model: 'qwen2.5-coder:7b' },
      },
      {
        kind: 'persona',
        persona: 'frontend-react-expert',
        target: { provider: 'claude', model: 'claude-sonnet-4-5' },
      },
      { kind: 'persona', persona: 'devops', target: { provider: 'local', model: 'llama3.2' } },
    ],
  })
  await w.t.core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'oai', model: 'gpt-4o-mini' } },
  })
})
afterAll(() => w.close())

const ask = (messages: { role: 'user' | 'assistant' | 'system'; content: string }[]) =>
  w.openai.chat.completions.create({ model: 'switchboard', messages }).withResponse()

describe('personas', () => {
  it('creates, edits and deletes personas, warning when two read alike', async () => {
    const { persona, warnings } = await w.t.core.api.createPersona({
      name: 'Web UI person',
      description:
        'Builds fast accessible web interfaces with React and TypeScript for the browser.',
    })
    expect(persona.id).toBe('web-ui-person')
    expect(warnings).toEqual([{ persona: 'Frontend React Expert', similarity: expect.any(Number) }])
    expect(warnings[0]!.similarity).toBeGreaterThan(0.75)

    const refused = await w.t.api('/personas', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Copy',
        description: 'Builds fast, accessible web interfaces with React and TypeScript.',
      }),
    })
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.message).toMatch(/100% the same as "Frontend React Expert"/)

    const badName = await w.t.api('/personas', {
      method: 'POST',
      body: JSON.stringify({ name: 'a/b', description: 'Something long enough.' }),
    })
    expect((await badName.json()).error.param).toBe('name')

    const edited = await w.t.core.api.updatePersona({
      id: 'web-ui-person',
      description: 'Writes SQL migrations and tunes Postgres queries.',
    })
    expect(edited.warnings).toEqual([])
    await w.t.core.api.deletePersona({ id: 'web-ui-person' })
    expect((await w.t.core.api.listPersonas({})).map((p) => p.id)).toEqual([
      'devops',
      'frontend-react-expert',
    ])
  })

  it('routes by the persona the lexical engine recognises, and says so in a header', async () => {
    const { response } = await ask([
      {
        role: 'user',
        content: 'My useEffect runs twice and the component re-renders on every keystroke',
      },
    ])
    expect(response.headers.get('x-switchboard-rule')).toBe('persona "Frontend React Expert"')
    expect(response.headers.get('x-switchboard-provider')).toBe('claude')
    expect(response.headers.get('x-switchboard-persona')).toMatch(
      /^Frontend React Expert; score=0\.\d+; margin=0\.\d+; engine=lexical; source=classifier; ms=/,
    )

    const devops = await ask([
      {
        role: 'user',
        content: 'terraform apply fails with Error acquiring the state lock in our CI pipeline',
      },
    ])
    expect(devops.response.headers.get('x-switchboard-provider')).toBe('local')
    const [entry] = await loggedRequests(w.t)
    expect(entry!.classification).toMatchObject({
      personaId: 'devops',
      engine: 'lexical',
      error: null,
    })
    expect(entry!.why).toMatch(/rule 3, persona "DevOps", matched \(score/)
  })

  it('does not classify when a cheaper rule matches first, and falls through to the catch-all on no persona', async () => {
    const py = await ask([
      { role: 'user', content: 'refactor this\n```python app/main.py\nprint(1)\n```' },
    ])
    expect(py.response.headers.get('x-switchboard-rule')).toBe('filename "*.py"')
    expect(py.response.headers.get('x-switchboard-persona')).toBeNull()

    const hello = await ask([{ role: 'user', content: 'hello' }])
    expect(hello.response.headers.get('x-switchboard-rule')).toBe('catch-all')
    expect(hello.response.headers.get('x-switchboard-persona')).toMatch(/^none;/)
  })

  it('keeps a conversation on its persona for its following turns (affinity), unless turned off', async () => {
    const system = { role: 'system' as const, content: 'You are a coding agent.' }
    const first = {
      role: 'user' as const,
      content: 'Why does my React component flicker after hydration?',
    }
    await ask([system, first])
    // A later turn that on its own reads like DevOps stays with the conversation's persona.
    const later = await ask([
      system,
      first,
      { role: 'assistant', content: 'Let me look.' },
      { role: 'user', content: 'now fix the kubernetes deployment yaml' },
    ])
    expect(later.response.headers.get('x-switchboard-provider')).toBe('claude')
    expect(later.response.headers.get('x-switchboard-persona')).toMatch(/source=affinity/)

    await w.t.core.api.updateSettings({ personaAffinity: false })
    const off = await ask([
      system,
      first,
      { role: 'assistant', content: 'Let me look.' },
      { role: 'user', content: 'now fix the kubernetes deployment yaml' },
    ])
    expect(off.response.headers.get('x-switchboard-provider')).toBe('local')
    await w.t.core.api.updateSettings({ personaAffinity: true })
  })

  it('a route preview reads conversation affinity but never records it', async () => {
    const system = { role: 'system' as const, content: 'You are a coding agent (preview).' }
    const first = {
      role: 'user' as const,
      content: 'Why does my React list re-render on every click?',
    }
    const res = await w.t.api('/route-preview', {
      method: 'POST',
      body: JSON.stringify({ body: { messages: [system, first] } }),
    })
    expect((await res.json()).classification.personaName).toBe('Frontend React Expert')
    // Had the preview recorded the persona, this later turn would keep it (source=affinity).
    const later = await ask([
      system,
      first,
      { role: 'assistant', content: 'Let me look.' },
      { role: 'user', content: 'now fix the kubernetes deployment yaml' },
    ])
    expect(later.response.headers.get('x-switchboard-provider')).toBe('local')
    expect(later.response.headers.get('x-switchboard-persona')).toMatch(/source=classifier/)
  })

  it('classifies the human ask, not pasted files or agent reminders', async () => {
    const content =
      'Please review this.\n<file_content path="infra/main.tf">resource "aws_s3_bucket" "b" { terraform kubernetes helm }</file_content>\n' +
      '<system-reminder>terraform kubernetes docker helm ansible</system-reminder>\nWhy is my React useState update not re-rendering the component?'
    const { response } = await ask([{ role: 'user', content }])
    expect(response.headers.get('x-switchboard-persona')).toMatch(/^Frontend React Expert/)
  })

  it('shows every persona score for a prompt in the test box', async () => {
    const result = await w.t.core.api.testPersonas({
      prompt: 'kubectl rollout stuck, pods in CrashLoopBackOff',
    })
    expect(result.engine).toBe('lexical')
    expect(result.scores.map((s) => s.personaId)).toEqual(['devops', 'frontend-react-expert'])
    expect(result.scores[0]!.score).toBeGreaterThan(result.scores[1]!.score)
    const missing = await w.t.core.api.testPersonas({ prompt: 'x', engine: 'embedding' })
    expect(missing.error).toMatch(/No embedding model is ready/)
  })

  it('refuses rules for unknown personas and deleting personas in use unless forced', async () => {
    const bad = await w.t.api('/workspaces/default/rules', {
      method: 'PUT',
      body: JSON.stringify({
        rules: [{ kind: 'persona', persona: 'ghost', target: { provider: 'oai', model: 'x' } }],
      }),
    })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/Unknown persona "ghost"/)

    const inUse = await w.t.api('/personas/devops', { method: 'DELETE' })
    expect(inUse.status).toBe(409)
    expect((await inUse.json()).error.message).toMatch(/used by 1 rule in workspace "default"/)
    const forced = await (await w.t.api('/personas/devops?force=true', { method: 'DELETE' })).json()
    expect(forced.removedRules).toHaveLength(1)
    const ws = await w.t.core.api.getWorkspace({ name: 'default' })
    expect(ws.rules.map((r) => r.kind)).toEqual(['filename', 'persona'])
  })
})
