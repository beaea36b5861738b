import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { markerNote, startAgentWorld, type AgentWorld, type UpstreamSpec } from './agent-world.ts'
import { AGENT_HOOK_TIMEOUT, describeAgent } from './installed-agents.ts'
import { describeRun, runAgent, type AgentRun } from './run-agent.ts'

// Codex CLI, unmodified, as `codex exec` with a config in a temp CODEX_HOME whose model provider
// is Switchboard's /v1/mux speaking the Responses API. Update checks, analytics, feedback and the
// plugin sync are off in that config, which leaves no call off the machine (checked with a
// recording proxy); anything new would hit the dead proxy (see run-agent.ts).

const note = markerNote('MANGO-3318')

// Codex's shell tool: `exec_command` with a `cmd` string, run in the turn's working directory.
const catNote = note.script('exec_command', { cmd: `cat ${note.path}` })

function runCodex(bin: string, w: AgentWorld, prompt: string): Promise<AgentRun> {
  const codexHome = join(w.home, '.codex')
  mkdirSync(codexHome, { recursive: true })
  writeFileSync(
    join(codexHome, 'config.toml'),
    [
      'model = "switchboard"',
      'model_provider = "switchboard"',
      'check_for_update_on_startup = false',
      '[analytics]',
      'enabled = false',
      '[feedback]',
      'enabled = false',
      // The curated-plugins sync would otherwise reach GitHub and chatgpt.com at start.
      '[features]',
      'plugins = false',
      '[model_providers.switchboard]',
      'name = "Switchboard"',
      `base_url = "${w.mux}"`,
      'wire_api = "responses"',
      'env_key = "SWITCHBOARD_API_KEY"',
      // A failure shows at once instead of after the client's backoff.
      'request_max_retries = 0',
      'stream_max_retries = 0',
      '',
    ].join('\n'),
  )
  return runAgent(bin, ['exec', '--skip-git-repo-check', prompt], {
    cwd: w.project,
    home: w.home,
    env: { CODEX_HOME: codexHome, SWITCHBOARD_API_KEY: 'sk-dummy-for-switchboard' },
  })
}

describeAgent('codex', 'Codex CLI through /v1/mux/responses', (bin) => {
  /** One `codex exec` run per upstream, checked from several sides. */
  function scenario(
    name: string,
    upstream: UpstreamSpec,
    model: string,
    more?: (s: () => AgentWorld) => void,
  ) {
    describe(name, () => {
      let w: AgentWorld
      let run: AgentRun
      beforeAll(async () => {
        w = await startAgentWorld({
          upstreams: () => [upstream],
          catchAll: { provider: upstream.provider, model },
          files: note.files,
        })
        run = await runCodex(bin, w, 'What does the deploy note say?')
      }, AGENT_HOOK_TIMEOUT)
      afterAll(() => w?.close())

      it('finishes the exec_command tool loop: the command runs locally and the answer is printed', () => {
        expect(run.code, describeRun(run)).toBe(0)
        expect(run.stdout, describeRun(run)).toContain(note.answer)
        const up = w.upstreams[upstream.provider]!
        expect(up.steps.map((s) => s.step)).toEqual(expect.arrayContaining(['tool-call', 'final']))
        expect(up.steps.map((s) => s.model)).toEqual(up.steps.map(() => model))
      })

      it('names Codex as the client in the request log', async () => {
        const log = await w.requestLog()
        expect(log.length).toBeGreaterThanOrEqual(1)
        for (const entry of log) expect(entry).toMatchObject({ client: 'Codex' })
      })

      more?.(() => w)
    })
  }

  scenario(
    'to an OpenAI chat-completions upstream (translated)',
    {
      provider: 'local',
      kind: 'vllm',
      endpointPath: '/v1',
      wire: 'openai-chat',
      models: ['qwen3-coder'],
      script: catNote,
    },
    'qwen3-coder',
    (world) => {
      it("offers the chat model Codex's namespaced sub-agent tools under qualified names", () => {
        const body = world().upstreams.local!.bodies().at(-1)!
        const names = (body.tools as { function: { name: string } }[]).map((t) => t.function.name)
        expect(names).toContain('exec_command')
        expect(names.filter((n) => n.startsWith('multi_agent_v1__')).length).toBeGreaterThan(0)
      })
    },
  )

  scenario(
    'to an OpenAI Responses upstream (native pass-through)',
    {
      provider: 'openai',
      kind: 'openai',
      endpointPath: '/v1',
      wire: 'openai-responses',
      models: ['gpt-5-codex'],
      script: catNote,
    },
    'gpt-5-codex',
    (world) => {
      it("passes Codex's own Responses fields through unchanged", () => {
        const body = world().upstreams.openai!.bodies().at(-1)!
        expect(body.model).toBe('gpt-5-codex')
        expect(body.include).toEqual(['reasoning.encrypted_content'])
        expect(body.prompt_cache_key).toEqual(expect.any(String))
        expect(body.input).toEqual(
          expect.arrayContaining([expect.objectContaining({ type: 'function_call_output' })]),
        )
      })
    },
  )
})
