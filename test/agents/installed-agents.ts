import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { describe } from 'vitest'

// The agents are real programs from npm, installed outside the repo by scripts/install-agents.sh
// at the versions pinned in pinned-agents.json; this finds them where the script puts them.

export type AgentId = 'claude' | 'codex' | 'opencode' | 'qwen' | 'continue'

interface Pin {
  package: string
  version: string
  bin: string
}

const pins = JSON.parse(
  readFileSync(new URL('./pinned-agents.json', import.meta.url), 'utf8'),
) as Record<AgentId, Pin>

/** Time for one scenario's setup: starting Switchboard and one agent run (killed at 90 s). */
export const AGENT_HOOK_TIMEOUT = 120_000

/** The cache the install script writes to. */
export const agentsCache =
  process.env.SWITCHBOARD_AGENTS_CACHE ?? join(homedir(), '.cache', 'switchboard', 'agents')

/** Path of the installed agent's executable, or undefined when the pinned version is not installed. */
export function agentBin(id: AgentId): string | undefined {
  const pin = pins[id]
  const prefix = join(agentsCache, `${id}-${pin.version}`)
  const bin = join(prefix, 'node_modules', '.bin', pin.bin)
  return existsSync(join(prefix, '.installed')) && existsSync(bin) ? bin : undefined
}

/**
 * `describe` when the agent is installed; otherwise `describe.skip`, saying once why and how to
 * install it, so a run without the install script reads as skipped, not as passed.
 */
export function describeAgent(id: AgentId, title: string, body: (bin: string) => void): void {
  const bin = agentBin(id)
  const pin = pins[id]
  if (bin) {
    describe(`${title} (${pin.package}@${pin.version})`, () => body(bin))
    return
  }
  const reason = `${pin.package}@${pin.version} is not installed in ${agentsCache}; run scripts/install-agents.sh`
  console.warn(`agents suite: skipping ${title}: ${reason}`)
  describe.skip(`${title} (skipped: ${reason})`, () => body(''))
}
