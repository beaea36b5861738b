import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { markerNote, startAgentWorld, type AgentWorld } from './agent-world.ts'
import { AGENT_HOOK_TIMEOUT, describeAgent } from './installed-agents.ts'
import { describeRun, runAgent, type AgentRun } from './run-agent.ts'

// Qwen Code, unmodified, as `qwen -p` with OpenAI auth: OPENAI_BASE_URL is Switchboard's
// /v1/mux. Usage statistics, telemetry and auto-update are off in its settings.json under the
// temp home, which leaves no call off the machine (checked with a recording proxy); anything new
// would hit the dead proxy (see run-agent.ts).

const note = markerNote('LYCHEE-2093')

describeAgent('qwen', 'Qwen Code through /v1/mux', (bin) => {
  let w: AgentWorld
  let run: AgentRun
  beforeAll(async () => {
    w = await startAgentWorld({
      upstreams: (project) => [
        {
          provider: 'local',
          kind: 'vllm',
          endpointPath: '/v1',
          wire: 'openai-chat',
          models: ['qwen3-coder'],
          // Qwen Code's file tool: `read_file` with an absolute `file_path`.
          script: note.script('read_file', { file_path: join(project, note.path) }),
        },
      ],
      catchAll: { provider: 'local', model: 'qwen3-coder' },
      files: note.files,
    })
    mkdirSync(join(w.home, '.qwen'), { recursive: true })
    writeFileSync(
      join(w.home, '.qwen', 'settings.json'),
      JSON.stringify({
        security: { auth: { selectedType: 'openai' } },
        general: { enableAutoUpdate: false },
        privacy: { usageStatisticsEnabled: false },
        telemetry: { enabled: false },
      }),
    )
    run = await runAgent(bin, ['-p', 'What does the deploy note say?'], {
      cwd: w.project,
      home: w.home,
      env: {
        OPENAI_BASE_URL: w.mux,
        OPENAI_API_KEY: 'sk-dummy-for-switchboard',
        OPENAI_MODEL: 'switchboard',
      },
    })
  }, AGENT_HOOK_TIMEOUT)
  afterAll(() => w?.close())

  it('finishes the read_file tool loop: the file is read locally and the answer printed', () => {
    expect(run.code, describeRun(run)).toBe(0)
    expect(run.stdout, describeRun(run)).toContain(note.answer)
    expect(w.upstreams.local!.steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['tool-call', 'final']),
    )
  })

  it('names Qwen Code as the client in the request log', async () => {
    const log = await w.requestLog()
    expect(log.length).toBeGreaterThanOrEqual(2)
    for (const entry of log) expect(entry).toMatchObject({ client: 'Qwen Code', status: 200 })
  })
})
