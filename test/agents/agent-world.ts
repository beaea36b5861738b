import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ProviderKind } from '../../src/shared/provider-kinds.ts'
import type { RequestLogEntry } from '../../src/shared/activity.ts'
import type { Rule, Target } from '../../src/shared/schemas.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'
import { startTestCore, type TestCore } from '../helpers/test-core.ts'
import {
  startScriptedUpstream,
  type ScriptedOptions,
  type ScriptedUpstream,
  type ToolLoopScript,
} from '../helpers/scripted-upstream.ts'

export interface UpstreamSpec extends ScriptedOptions {
  /** Switchboard's provider id and kind for this upstream. */
  provider: string
  kind: ProviderKind
  /** Appended to the upstream's URL to make the provider endpoint ('/v1' for OpenAI kinds). */
  endpointPath: string
}

/**
 * A note only its file can tell: the scripted model answers with the marker only after the agent
 * read the file through its own tool, so the answer proves the whole tool loop ran.
 */
export function markerNote(marker: string, path = 'notes/deploy.txt') {
  const answer = `The note says ${marker}.`
  return {
    marker,
    path,
    answer,
    files: { [path]: `The deploy password is ${marker}.\n` },
    /** The upstream's script: call the agent's `tool` with `args`, then answer from its result. */
    script: (tool: string, args: Record<string, unknown>): ToolLoopScript => ({
      tool,
      args,
      answer: (out: string) =>
        out.includes(marker)
          ? answer
          : `The ${tool} result lacked the marker: ${out.slice(0, 300)}`,
    }),
  }
}

export interface AgentWorld {
  t: TestCore
  /** Switchboard's proxy base URL, http://127.0.0.1:PORT/v1/mux. */
  mux: string
  upstreams: Record<string, ScriptedUpstream>
  /** The agent's working directory: a small project with the files the test wrote. */
  project: string
  /** The agent's stand-in home dir. */
  home: string
  /** The request log over the management API, oldest first. */
  requestLog(): Promise<RequestLogEntry[]>
  close(): Promise<void>
}

/**
 * A real Switchboard core with one provider per scripted upstream, the default workspace's rules
 * and catch-all set, and a temp project and home for the agent.
 */
export async function startAgentWorld(options: {
  /** Given the project dir, so scripts can name absolute paths in it. */
  upstreams(project: string): UpstreamSpec[]
  catchAll: Target
  rules?: Rule[]
  files: Record<string, string>
}): Promise<AgentWorld> {
  const t = await startTestCore()
  const temp = makeTempDir('switchboard-agent-')
  const project = join(temp.dir, 'project')
  const home = join(temp.dir, 'home')
  for (const [path, text] of Object.entries(options.files)) {
    mkdirSync(join(project, path, '..'), { recursive: true })
    writeFileSync(join(project, path), text)
  }
  mkdirSync(home, { recursive: true })
  const upstreams: Record<string, ScriptedUpstream> = {}
  for (const spec of options.upstreams(project)) {
    const up = await startScriptedUpstream(spec)
    upstreams[spec.provider] = up
    await t.core.api.createProvider({
      id: spec.provider,
      name: spec.provider,
      kind: spec.kind,
      endpoint: up.url + spec.endpointPath,
      apiKey: `sk-${spec.provider}-upstream-key`,
    })
    // Model discovery on save is not part of what the tests check.
    up.requests.length = 0
  }
  await t.core.api.setRules({ name: 'default', rules: options.rules ?? [] })
  await t.core.api.setCatchAll({ name: 'default', catchAll: { target: options.catchAll } })
  return {
    t,
    mux: t.url + '/v1/mux',
    upstreams,
    project,
    home,
    async requestLog() {
      const res = await t.api('/requests?limit=100')
      const { requests } = (await res.json()) as { requests: RequestLogEntry[] }
      return [...requests].reverse()
    },
    async close() {
      await t.close()
      await Promise.all(Object.values(upstreams).map((u) => u.close()))
      temp.cleanup()
    },
  }
}
