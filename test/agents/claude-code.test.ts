import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { markerNote, startAgentWorld, type AgentWorld } from './agent-world.ts'
import { AGENT_HOOK_TIMEOUT, describeAgent } from './installed-agents.ts'
import { describeRun, runAgent, type AgentRun } from './run-agent.ts'

// Claude Code, unmodified, in print mode against Switchboard's Anthropic route. Its telemetry,
// error reporting, update checks and other non-essential traffic are switched off by its own
// variables, which leaves no call off the machine (checked with a recording proxy); anything new
// would hit the dead proxy (see run-agent.ts). Each scenario runs the agent once and checks what
// a user would notice from several sides.

const note = markerNote('PAPAYA-7741')

function readFile(project: string, file: string) {
  return note.script('Read', { file_path: join(project, file) })
}

function runClaude(bin: string, w: AgentWorld, prompt: string): Promise<AgentRun> {
  return runAgent(
    bin,
    ['-p', prompt, '--output-format', 'json', '--max-turns', '4', '--allowedTools', 'Read'],
    {
      cwd: w.project,
      home: w.home,
      env: {
        ANTHROPIC_BASE_URL: w.mux,
        ANTHROPIC_API_KEY: 'sk-ant-dummy-for-switchboard',
        CLAUDE_CONFIG_DIR: join(w.home, '.claude'),
        DISABLE_TELEMETRY: '1',
        DISABLE_AUTOUPDATER: '1',
        DISABLE_ERROR_REPORTING: '1',
        DISABLE_INSTALLATION_CHECKS: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        // A failure shows at once instead of after the client's backoff.
        CLAUDE_CODE_MAX_RETRIES: '0',
      },
    },
  )
}

/** The `result` text of `--output-format json`, or an error carrying the run's output. */
function resultOf(run: AgentRun): string {
  let parsed: { result?: string; is_error?: boolean } | undefined
  try {
    parsed = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')
  } catch {
    // reported below with the run's output
  }
  if (!parsed || parsed.is_error || run.code !== 0)
    throw new Error(`Claude Code did not finish the turn: ${describeRun(run)}`)
  return parsed.result ?? ''
}

describeAgent('claude', 'Claude Code through /v1/mux', (bin) => {
  describe('to an Anthropic upstream', () => {
    let w: AgentWorld
    let run: AgentRun
    beforeAll(async () => {
      w = await startAgentWorld({
        upstreams: (project) => [
          {
            provider: 'anthropic',
            kind: 'anthropic',
            endpointPath: '',
            wire: 'anthropic',
            models: ['claude-sonnet-4-5'],
            script: readFile(project, 'notes/deploy.txt'),
          },
        ],
        catchAll: { provider: 'anthropic', model: 'claude-sonnet-4-5' },
        files: note.files,
      })
      run = await runClaude(bin, w, 'What does the deploy note say?')
    }, AGENT_HOOK_TIMEOUT)
    afterAll(() => w?.close())

    it('finishes the Read tool loop: the file is read locally and the answer printed', () => {
      expect(resultOf(run)).toContain(note.answer)
      expect(w.upstreams.anthropic!.steps.map((s) => s.step)).toEqual(
        expect.arrayContaining(['tool-call', 'final']),
      )
    })

    it("passes Claude Code's anthropic-beta header through to the upstream", () => {
      const posts = w.upstreams.anthropic!.requests.filter((r) => r.method === 'POST')
      expect(posts.length).toBeGreaterThan(0)
      for (const req of posts)
        expect(String(req.headers['anthropic-beta'])).toContain('claude-code-20250219')
    })

    it('names Claude Code as the client in the request log', async () => {
      const log = await w.requestLog()
      expect(log.length).toBeGreaterThanOrEqual(2)
      for (const entry of log) expect(entry).toMatchObject({ client: 'Claude Code', status: 200 })
    })
  })

  describe('to an OpenAI-compatible model that allows at most 16384 output tokens', () => {
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
            models: ['gpt-4o'],
            maxOutputTokens: 16384,
            script: readFile(project, 'notes/deploy.txt'),
          },
        ],
        catchAll: { provider: 'openai', model: 'gpt-4o' },
        files: note.files,
      })
      run = await runClaude(bin, w, 'What does the deploy note say?')
    }, AGENT_HOOK_TIMEOUT)
    afterAll(() => w?.close())

    it('finishes the tool loop with no client setting: the output limit fits the model', () => {
      expect(resultOf(run)).toContain(note.answer)
      const steps = w.upstreams.openai!.steps.map((s) => s.step)
      expect(steps).toEqual(expect.arrayContaining(['tool-call', 'final']))
    })
  })

  describe('a turn whose tool reads a .tsx file, with a .tsx rule to another model', () => {
    let w: AgentWorld
    let run: AgentRun
    beforeAll(async () => {
      w = await startAgentWorld({
        upstreams: (project) => [
          {
            provider: 'anthropic',
            kind: 'anthropic',
            endpointPath: '',
            wire: 'anthropic',
            models: ['claude-sonnet-4-5', 'claude-opus-4-1'],
            script: readFile(project, 'src/components/Banner.tsx'),
          },
        ],
        rules: [
          {
            kind: 'filename',
            pattern: '.tsx',
            target: { provider: 'anthropic', model: 'claude-opus-4-1' },
            fallbacks: [],
            caseSensitive: false,
            requestType: 'any',
          },
        ],
        catchAll: { provider: 'anthropic', model: 'claude-sonnet-4-5' },
        files: {
          'src/components/Banner.tsx': `export const Banner = () => <p>The note says ${note.marker}.</p>\n`,
        },
      })
      // The prompt names no file: only the tool call, mid-turn, mentions the .tsx file.
      run = await runClaude(bin, w, 'What does the banner component show?')
    }, AGENT_HOOK_TIMEOUT)
    afterAll(() => w?.close())

    it('finishes the tool loop', () => {
      expect(resultOf(run)).toContain(note.answer)
    })

    it("keeps the whole turn on the catch-all's model", async () => {
      const steps = w.upstreams.anthropic!.steps
      expect(steps.map((s) => s.step)).toEqual(expect.arrayContaining(['tool-call', 'final']))
      expect(steps.map((s) => s.model)).toEqual(steps.map(() => 'claude-sonnet-4-5'))
      const log = await w.requestLog()
      // The tool-result request does name the .tsx file, so the rule had something to match.
      expect(log.some((e) => e.files.some((f) => f.endsWith('Banner.tsx')))).toBe(true)
      expect(log.map((e) => e.model)).toEqual(log.map(() => 'claude-sonnet-4-5'))
    })
  })
})
