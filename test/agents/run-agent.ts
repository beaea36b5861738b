import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { deadUrl } from '../helpers/http-server.ts'

export interface AgentRun {
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}

export interface RunOptions {
  cwd: string
  /** A temp dir that stands in for the user's home (config, caches, sessions, logs). */
  home: string
  /** The agent's own variables (endpoint, key, telemetry switches). */
  env: Record<string, string>
  /** Default 90 s: a run takes 5 to 15 s on an idle machine, several times that on a busy one. */
  timeoutMs?: number
}

const MAX_OUTPUT = 4 * 1024 * 1024

/**
 * The environment every agent runs with: nothing inherited from the user but PATH's node and
 * the system dirs, home and XDG dirs in a temp dir, and every proxy variable pointing at a dead
 * loopback port with loopback exempted, so a call to a vendor fails at once instead of leaving
 * the machine, while Switchboard on 127.0.0.1 is reached directly.
 */
export async function agentEnv(home: string): Promise<Record<string, string>> {
  const proxy = await deadUrl()
  const xdg = {
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CACHE_HOME: join(home, '.cache'),
  }
  for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true })
  const noProxy = '127.0.0.1,localhost,::1'
  return {
    PATH: [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: home,
    USERPROFILE: home,
    ...xdg,
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    ALL_PROXY: proxy,
    http_proxy: proxy,
    https_proxy: proxy,
    all_proxy: proxy,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
  }
}

/** Runs an agent to completion (stdin closed), killing its whole process group at the timeout. */
export async function runAgent(
  bin: string,
  args: string[],
  options: RunOptions,
): Promise<AgentRun> {
  const env = { ...(await agentEnv(options.home)), ...options.env }
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += d.toString()
    })
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // the group is gone already
      }
    }
    const timer = setTimeout(() => {
      timedOut = true
      killGroup()
    }, options.timeoutMs ?? 90_000)
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    // Helpers an agent left behind (language servers, file watchers) go with it, and with them
    // any pipe they still hold open.
    child.on('exit', killGroup)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, timedOut })
    })
  })
}

/** A readable summary of a run for assertion messages. */
export function describeRun(run: AgentRun): string {
  return `exit ${run.code}${run.timedOut ? ' (timed out)' : ''}\n--- stdout\n${run.stdout.slice(-4000)}\n--- stderr\n${run.stderr.slice(-4000)}`
}
