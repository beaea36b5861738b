import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../src/main/core/core.ts'
import { ConfigError } from '../../src/main/core/config/load-config.ts'
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-upstreams.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'

const cli = join(import.meta.dirname, '../../src/main/cli.ts')
let upstream: FakeUpstream
let temp: { dir: string; cleanup: () => void }
let file: string
const cores: TestCore[] = []
const logged: string[] = []

beforeEach(async () => {
  upstream = await startFakeOpenAI()
  temp = makeTempDir()
  file = join(temp.dir, 'switchboard.yaml')
  process.env.TEAM_OPENAI_KEY = 'sk-team-secret-9876'
  logged.length = 0
})
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
  await upstream.close()
  temp.cleanup()
})

/** A team file: one keyed provider, a persona, a group, a workspace with two rules and a catch-all. */
const teamYaml = (catchAllModel = 'gpt-4o-mini') => `# the team's routing
version: 1
providers:
  - id: cloud
    name: Cloud
    kind: openai
    endpoint: ${upstream.url}/v1
    apiKey: \${TEAM_OPENAI_KEY}
personas:
  - id: frontend
    name: Frontend
    description: Builds accessible web interfaces with React and TypeScript.
    examples: [Why does useEffect run twice?]
modelGroups:
  - id: smart-team
    strategy: heuristic
    targets: [{ provider: cloud, model: gpt-4o-mini }, { provider: cloud, model: gpt-4o }]
workspaces:
  - name: team
    rules:
      - kind: filename
        pattern: .tsx
        target: { provider: cloud, model: gpt-4o }
      - kind: request-type
        requestType: fim
        target: { provider: cloud, model: gpt-4o-mini }
    catchAll:
      target: { provider: cloud, model: ${catchAllModel} }
activeWorkspace: team
settings:
  requestLogMaxRows: 1000
`

async function start(text: string): Promise<TestCore> {
  writeFileSync(file, text)
  const t = await startTestCore({
    configFile: file,
    configWatch: { debounceMs: 30, pollMs: 100 },
    log: (line) => logged.push(line),
  })
  cores.push(t)
  return t
}

function startError(text: string): ConfigError {
  writeFileSync(file, text)
  const dir = makeTempDir()
  try {
    createCore({ dataDir: dir.dir, configFile: file, log: () => {} })
  } catch (err) {
    return err as ConfigError
  } finally {
    dir.cleanup()
  }
  throw new Error('the config was accepted')
}

async function preview(t: TestCore, content: string) {
  const res = await t.api('/route-preview', {
    method: 'POST',
    body: JSON.stringify({ body: { model: 'switchboard', messages: [{ role: 'user', content }] } }),
  })
  return (await res.json()) as { workspace: string; target: { provider: string; model: string } }
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let value = await read()
  for (let i = 0; i < 100 && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 50))
    value = await read()
  }
  return value
}

describe('config file: validation', () => {
  it('names the file, line, column and field, with what to write there', () => {
    const err = startError(teamYaml().replace('pattern: .tsx', 'pattern: ""'))
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(
      `${file}:22:9 workspaces[0].rules[0].pattern: give a file name pattern such as .tsx or src/**/*.py`,
    )
  })

  it('reports a misspelt field and a wrong type, each at its line', () => {
    const text = teamYaml()
      .replace('    catchAll:', '    catchall:')
      .replace('requestLogMaxRows: 1000', 'requestLogMaxRows: lots')
    const lines = startError(text).message.split('\n')
    expect(lines).toContainEqual(
      `${file}:27:5 workspaces[0].catchall: unknown field "catchall" (check its spelling)`,
    )
    expect(lines.some((l) => l.startsWith(`${file}:31:3 settings.requestLogMaxRows:`))).toBe(true)
  })

  it('places what the services refuse (an unknown provider) at the rule that names it', () => {
    const err = startError(
      teamYaml().replace(
        'target: { provider: cloud, model: gpt-4o }',
        'target: { provider: nope, model: x }',
      ),
    )
    expect(err.message).toMatch(
      new RegExp(`^${file}:21:9 workspaces\\[0\\]\\.rules\\[0\\]: Unknown provider "nope"`),
    )
  })

  it('checks a workspace daily spend cap like the API does, at its line', () => {
    const err = startError(
      teamYaml().replace('  - name: team\n', '  - name: team\n    dailySpendCapUsd: -1\n'),
    )
    expect(err.message).toBe(
      `${file}:20:5 workspaces[0].dailySpendCapUsd: give a cap above $0, or null for no cap`,
    )
  })

  it('reports YAML syntax errors with their line', () => {
    expect(startError('providers:\n  - id: [unclosed\n').message).toMatch(
      new RegExp(`^${file}:\\d+:\\d+ \\(file\\): `),
    )
  })
})

describe('config file: keys from the environment', () => {
  it('refuses a key written in the file, saying which variable to use', () => {
    const err = startError(teamYaml().replace('${TEAM_OPENAI_KEY}', 'sk-live-abcdef123456'))
    expect(err.message).toBe(
      `${file}:8:5 providers[0].apiKey: write the key as an environment variable reference such as \${CLOUD_API_KEY} and set that variable; a key is never written in this file`,
    )
    expect(err.message).not.toContain('sk-live')
  })

  it('refuses a reference to a variable that is not set', () => {
    delete process.env.TEAM_OPENAI_KEY
    expect(startError(teamYaml()).message).toBe(
      `${file}:8:5 providers[0].apiKey: the environment variable TEAM_OPENAI_KEY is not set; set it before starting Switchboard`,
    )
  })

  it('sends the resolved key upstream and never shows it', async () => {
    const t = await start(teamYaml())
    const provider = await (await t.api('/providers/cloud')).json()
    expect(provider.apiKeyHint).toBe('••••9876')
    const res = await fetch(`${t.url}/v1/mux/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'switchboard', messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(res.status).toBe(200)
    const chat = upstream.requests.find((r) => r.path === '/v1/chat/completions')!
    expect(chat.headers.authorization).toBe('Bearer sk-team-secret-9876')
  })
})

describe('config file: applied and hot-reloaded', () => {
  it('routes by the file at start and applies a good edit without a restart', async () => {
    const t = await start(teamYaml())
    expect(await preview(t, 'hello')).toMatchObject({
      workspace: 'team',
      target: { provider: 'cloud', model: 'gpt-4o-mini' },
    })
    writeFileSync(file, teamYaml('gpt-4o'))
    const after = await until(
      () => preview(t, 'hello'),
      (d) => d.target.model === 'gpt-4o',
    )
    expect(after.target).toEqual({ provider: 'cloud', model: 'gpt-4o' })
    expect(t.core.config!.status()).toMatchObject({ valid: true, error: null })
    expect(logged.filter((l) => l.startsWith(`applied ${file}`))).toHaveLength(2)
  })

  it('keeps the running config on a bad edit, logs why, and applies the next good one', async () => {
    const t = await start(teamYaml())
    writeFileSync(file, teamYaml('gpt-4o').replace('kind: request-type', 'kind: nonsense'))
    await until(
      async () => t.core.config!.status().valid,
      (valid) => !valid,
    )
    expect(t.core.config!.status().valid).toBe(false)
    expect(logged.at(-1)).toMatch(
      new RegExp(
        `^${file} was not applied; the running config is kept:\\n${file}:24:9 workspaces\\[0\\]\\.rules\\[1\\]\\.kind: `,
      ),
    )
    expect((await preview(t, 'hello')).target.model).toBe('gpt-4o-mini')

    writeFileSync(file, teamYaml('gpt-4o'))
    const after = await until(
      () => preview(t, 'hello'),
      (d) => d.target.model === 'gpt-4o',
    )
    expect(after.target.model).toBe('gpt-4o')
    expect(t.core.config!.status().valid).toBe(true)
  })

  it('is all-or-nothing: an edit that fails half way changes nothing', async () => {
    const t = await start(teamYaml())
    // The first workspace applies; the second names a persona nobody declared.
    const broken = teamYaml('gpt-4o').replace(
      'activeWorkspace: team',
      `  - name: second
    rules:
      - kind: persona
        persona: nobody
        target: { provider: cloud, model: gpt-4o }
activeWorkspace: team`,
    )
    writeFileSync(file, broken)
    expect(t.core.config!.reload()).toBe(false)
    expect(logged.at(-1)).toContain('workspaces[1].rules[0].persona: Unknown persona "nobody"')
    expect((await preview(t, 'hello')).target.model).toBe('gpt-4o-mini')
    const names = (await (await t.api('/workspaces')).json()).map((w: { name: string }) => w.name)
    expect(names).not.toContain('second')
  })

  it('removes what a later version of the file no longer declares', async () => {
    const t = await start(teamYaml())
    writeFileSync(
      file,
      teamYaml()
        .replace(/modelGroups:\n(?: {2}.*\n)+/, '')
        .replace(/personas:\n(?: {2}.*\n)+/, ''),
    )
    expect(t.core.config!.reload()).toBe(true)
    expect((await t.api('/personas/frontend', { method: 'PATCH', body: '{}' })).status).toBe(404)
    expect((await t.api('/model-groups/smart-team')).status).toBe(404)
  })
})

describe('config file: a workspace daily spend cap', () => {
  const capped = (cap: string) =>
    teamYaml().replace('  - name: team\n', `  - name: team\n    dailySpendCapUsd: ${cap}\n`)
  const ask = (t: TestCore) =>
    fetch(t.url + '/v1/mux/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'switchboard', messages: [{ role: 'user', content: 'hi' }] }),
    })

  it('applies the cap the file declares, and lifts it when the file drops it', async () => {
    // One gpt-4o-mini answer from the fake (11 in, 7 out at $0.15/$0.60 per million): $0.00000585.
    const t = await start(capped('0.000001'))
    expect((await t.core.api.getWorkspace({ name: 'team' })).dailySpendCapUsd).toBe(0.000001)
    expect((await ask(t)).status).toBe(200)
    await t.core.api.listRequests({}) // the log batch feeds today's spend
    const refused = await ask(t)
    expect(refused.status).toBe(429)
    expect((await refused.json()).error.message).toContain(
      'Workspace "team" reached its daily spend cap of $0.000001',
    )

    writeFileSync(file, teamYaml())
    const lifted = await until(
      () => t.core.api.getWorkspace({ name: 'team' }),
      (w) => w.dailySpendCapUsd === null,
    )
    expect(lifted.dailySpendCapUsd).toBeNull()
    expect((await ask(t)).status).toBe(200)
  })
})

describe('config file: declared objects are read-only', () => {
  it('refuses writes to them with a 409 naming the file, and marks them managedBy', async () => {
    const t = await start(teamYaml())
    const refusals = [
      t.api('/providers/cloud', { method: 'PATCH', body: JSON.stringify({ name: 'Mine' }) }),
      t.api('/providers/cloud', { method: 'DELETE' }),
      t.api('/workspaces/team/rules', { method: 'PUT', body: JSON.stringify({ rules: [] }) }),
      t.api('/workspaces/team/catch-all', {
        method: 'PUT',
        body: JSON.stringify({ catchAll: null }),
      }),
      t.api('/personas/frontend', { method: 'DELETE' }),
      t.api('/personas/import', {
        method: 'POST',
        body: JSON.stringify({
          replace: true,
          document: {
            switchboard: 'personas',
            version: 1,
            personas: [
              {
                id: 'frontend',
                name: 'Frontend',
                description: 'Something else entirely, a new text.',
              },
            ],
          },
        }),
      }),
      t.api('/model-groups/smart-team', { method: 'DELETE' }),
      t.api('/settings', { method: 'PATCH', body: JSON.stringify({ requestLogMaxRows: 5000 }) }),
      t.api('/workspaces/active', { method: 'POST', body: JSON.stringify({ name: 'default' }) }),
    ]
    for (const res of await Promise.all(refusals)) {
      expect(res.status).toBe(409)
      expect((await res.json()).error.message).toMatch(
        /is managed by switchboard\.yaml: edit the file \(Switchboard reloads it on save\)\.$/,
      )
    }
    expect((await (await t.api('/providers/cloud')).json()).managedBy).toBe('switchboard.yaml')
    const workspaces = await (await t.api('/workspaces')).json()
    expect(workspaces).toContainEqual(
      expect.objectContaining({ name: 'team', managedBy: 'switchboard.yaml' }),
    )
    expect(workspaces.find((w: { name: string }) => w.name === 'default').managedBy).toBeUndefined()
    expect((await (await t.api('/personas')).json())[0].managedBy).toBe('switchboard.yaml')
  })

  it('leaves objects the file does not declare editable', async () => {
    const t = await start(teamYaml())
    const created = await t.api('/workspaces', {
      method: 'POST',
      body: JSON.stringify({ name: 'mine' }),
    })
    expect(created.status).toBe(201)
    const ruled = await t.api('/workspaces/mine/rules', {
      method: 'PUT',
      body: JSON.stringify({
        rules: [
          { kind: 'filename', pattern: '.py', target: { provider: 'cloud', model: 'gpt-4o' } },
        ],
      }),
    })
    expect(ruled.status).toBe(200)
    expect((await ruled.json()).managedBy).toBeUndefined()
    const setting = await t.api('/settings', {
      method: 'PATCH',
      body: JSON.stringify({ classifierTimeoutMs: 900 }),
    })
    expect(setting.status).toBe(200)
  })
})

describe('export --all', () => {
  it('writes a file that routes a fresh install the same way, with no key in it', async () => {
    const source = await startTestCore()
    cores.push(source)
    await source.core.api.createProvider({
      id: 'cloud',
      name: 'Cloud',
      kind: 'openai',
      endpoint: `${upstream.url}/v1`,
      apiKey: 'sk-export-never-4242',
    })
    await source.core.api.createPersona({
      name: 'Frontend',
      description: 'Builds accessible web interfaces with React and TypeScript.',
      examples: [],
    })
    await source.core.api.createGroup({
      id: 'team-auto',
      strategy: 'heuristic',
      targets: [
        { provider: 'cloud', model: 'gpt-4o-mini' },
        { provider: 'cloud', model: 'gpt-4o' },
      ],
      rules: [{ pattern: 'refactor', target: 1 }],
    })
    await source.core.api.setRules({
      name: 'default',
      rules: [
        { kind: 'filename', pattern: '.tsx', target: { provider: 'cloud', model: 'gpt-4o' } },
        { kind: 'filename', pattern: '*.sql', target: { provider: 'group', model: 'team-auto' } },
      ],
    })
    await source.core.api.setCatchAll({
      name: 'default',
      catchAll: { target: { provider: 'cloud', model: 'gpt-4o-mini' }, fallbacks: [] },
    })
    await source.core.api.setWorkspaceOptions({ name: 'default', dailySpendCapUsd: 2.5 })
    const prompts = ['fix `src/App.tsx`', 'refactor `db/schema.sql` please', 'hello there']
    const before = await Promise.all(prompts.map((p) => preview(source, p)))
    await source.close({ keepData: true })
    cores.splice(cores.indexOf(source), 1)

    const yaml = execFileSync(
      process.execPath,
      [cli, 'export', '--all', '--data-dir', source.dataDir],
      {
        encoding: 'utf8',
      },
    )
    expect(yaml).not.toContain('sk-export-never')
    expect(yaml).toContain('apiKey: ${CLOUD_API_KEY}')
    expect(yaml).toContain('set CLOUD_API_KEY')
    expect(yaml).toContain('dailySpendCapUsd: 2.5')

    process.env.CLOUD_API_KEY = 'sk-export-never-4242'
    const copy = await start(yaml)
    const after = await Promise.all(prompts.map((p) => preview(copy, p)))
    expect(after.map((d) => d.target)).toEqual(before.map((d) => d.target))
    expect(after.map((d) => d.target.model)).toEqual(['gpt-4o', 'gpt-4o', 'gpt-4o-mini'])
    expect(readFileSync(file, 'utf8')).toBe(yaml)
    expect((await copy.core.api.getWorkspace({ name: 'default' })).dailySpendCapUsd).toBe(2.5)
  })
})
