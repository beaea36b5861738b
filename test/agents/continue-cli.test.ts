import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { markerNote, startAgentWorld, type AgentWorld } from './agent-world.ts'
import { AGENT_HOOK_TIMEOUT, describeAgent } from './installed-agents.ts'
import { describeRun, runAgent, type AgentRun } from './run-agent.ts'

// Continue CLI, unmodified, as `cn -p` with a config.yaml whose one chat model is an OpenAI
// provider at Switchboard's /v1/mux. Telemetry and metrics are off by its own variables and its
// global dir is in the temp home, which leaves no call off the machine (checked with a recording
// proxy); anything new would hit the dead proxy (see run-agent.ts).

const note = markerNote('QUINCE-6402')

describeAgent('continue', 'Continue CLI through /v1/mux', (bin) => {
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
          // Continue CLI's file tool: `Read` with a `filepath`.
          script: note.script('Read', { filepath: join(project, note.path) }),
        },
      ],
      catchAll: { provider: 'openai', model: 'gpt-4.1' },
      files: note.files,
    })
    const config = join(w.home, 'config.yaml')
    writeFileSync(
      config,
      [
        'name: Switchboard',
        'version: 1.0.0',
        'schema: v1',
        'models:',
        '  - name: Switchboard',
        '    provider: openai',
        '    model: switchboard',
        `    apiBase: ${w.mux}`,
        '    apiKey: sk-dummy-for-switchboard',
        '    roles: [chat]',
        '',
      ].join('\n'),
    )
    run = await runAgent(bin, ['-p', 'What does the deploy note say?', '--config', config], {
      cwd: w.project,
      home: w.home,
      env: {
        CONTINUE_GLOBAL_DIR: join(w.home, '.continue'),
        CONTINUE_CLI_ENABLE_TELEMETRY: '0',
        CONTINUE_METRICS_ENABLED: '0',
      },
    })
  }, AGENT_HOOK_TIMEOUT)
  afterAll(() => w?.close())

  it('finishes the Read tool loop: the file is read locally and the answer printed', () => {
    expect(run.code, describeRun(run)).toBe(0)
    expect(run.stdout, describeRun(run)).toContain(note.answer)
    expect(w.upstreams.openai!.steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['tool-call', 'final']),
    )
  })

  it('names the Continue CLI as the client in the request log', async () => {
    const log = await w.requestLog()
    expect(log.length).toBeGreaterThanOrEqual(2)
    for (const entry of log) expect(entry).toMatchObject({ client: 'Continue CLI', status: 200 })
  })
})
