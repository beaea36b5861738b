import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../src/main/core/core.ts'

/**
 * A real Switchboard core on a temp data dir: one OpenAI-compatible chat provider (vLLM kind, so
 * Responses requests are translated to chat as for any server but OpenAI's own) on the fake
 * upstream, and filename rules in front of the catch-all, so every request is parsed, its files
 * extracted and the rules evaluated before it falls through to the catch-all. The catch-all's model
 * has a known context window and output limit (the table's gpt-4o-mini), as nearly every real
 * target has one (a vLLM server publishes max_model_len), so the limit checks run as they do in use.
 */
export async function startSwitchboard(
  upstreamUrl: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'))
  // The stream-memory bench holds hundreds of connections from 127.0.0.1 at once.
  const core = createCore({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    serverLimits: { maxConnectionsPerAddress: 4096 },
  })
  const status = await core.start()
  if (status.state !== 'listening') throw new Error(`core did not start: ${JSON.stringify(status)}`)
  await core.api.createProvider({
    id: 'bench',
    name: 'Bench upstream',
    kind: 'vllm',
    endpoint: upstreamUrl + '/v1',
    apiKey: 'sk-bench-0000',
  })
  await core.api.setRules({
    name: 'default',
    rules: [
      { kind: 'filename', pattern: '.tsx', target: { provider: 'bench', model: 'frontend-model' } },
      { kind: 'filename', pattern: '*.py', target: { provider: 'bench', model: 'python-model' } },
      {
        kind: 'request-type',
        requestType: 'fim',
        target: { provider: 'bench', model: 'fim-model' },
      },
    ],
  })
  await core.api.setCatchAll({
    name: 'default',
    catchAll: { target: { provider: 'bench', model: 'gpt-4o-mini' } },
  })
  return {
    url: status.url + '/v1/mux',
    async close() {
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
