import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { markerNote, startAgentWorld, type AgentWorld } from './agent-world.ts'
import { AGENT_HOOK_TIMEOUT, describeAgent } from './installed-agents.ts'
import { describeRun, runAgent, type AgentRun } from './run-agent.ts'

// opencode, unmodified, as `opencode run` with its config in OPENCODE_CONFIG_CONTENT: one
// OpenAI-compatible provider (its bundled @ai-sdk/openai-compatible) whose base URL is
// Switchboard's /v1/mux. Update checks, the models.dev catalog fetch, LSP downloads, plugins and
// sharing are off by its own variables. What is left, a background npm install of its config
// dir's dependencies, fails at once on the dead proxy (see run-agent.ts).

const note = markerNote('GUAVA-5120')

describeAgent('opencode', 'opencode through /v1/mux', (bin) => {
  let w: AgentWorld
  let run: AgentRun
  beforeAll(async () => {
    w = await startAgentWorld({
      upstreams: (project) => [
        {
          provider: 'openai',
          kind: 'openai',
          endpointPath: '/v1',
          wire: 'openai-chat',
          models: ['gpt-4.1'],
          // opencode's file tool: `read` with an absolute `filePath`.
          script: note.script('read', { filePath: join(project, note.path) }),
        },
      ],
      catchAll: { provider: 'openai', model: 'gpt-4.1' },
      files: note.files,
    })
    const config = {
      $schema: 'https://opencode.ai/config.json',
      provider: {
        switchboard: {
          npm: '@ai-sdk/openai-compatible',
          name: 'Switchboard',
          options: { baseURL: w.mux, apiKey: 'sk-dummy-for-switchboard' },
          models: { switchboard: { name: 'Switchboard' } },
        },
      },
      model: 'switchboard/switchboard',
      autoupdate: false,
      share: 'disabled',
    }
    run = await runAgent(bin, ['run', 'What does the deploy note say?'], {
      cwd: w.project,
      home: w.home,
      env: {
        OPENCODE_CONFIG_CONTENT: JSON.stringify(config),
        OPENCODE_DISABLE_AUTOUPDATE: '1',
        OPENCODE_DISABLE_MODELS_FETCH: '1',
        OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
        OPENCODE_DISABLE_DEFAULT_PLUGINS: '1',
        OPENCODE_PURE: '1',
        OPENCODE_DISABLE_SHARE: '1',
        OPENCODE_DISABLE_CLAUDE_CODE: '1',
      },
    })
  }, AGENT_HOOK_TIMEOUT)
  afterAll(() => w?.close())

  it('finishes the read tool loop: the file is read locally and the answer printed', () => {
    expect(run.code, describeRun(run)).toBe(0)
    expect(run.stdout, describeRun(run)).toContain(note.answer)
    expect(w.upstreams.openai!.steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['tool-call', 'final']),
    )
  })

  it('names opencode as the client in the request log', async () => {
    const log = await w.requestLog()
    expect(log.length).toBeGreaterThanOrEqual(2)
    for (const entry of log) expect(entry).toMatchObject({ client: 'opencode', status: 200 })
  })
})
