import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  startFakeOllama,
  startFakeOpenAI,
  type FakeUpstream,
} from '../../helpers/fake-upstreams.ts'
import { writeTinyLlamaGguf } from '../../helpers/gguf-writer.ts'
import { startModelFileServer, type ModelFileServer } from '../../helpers/model-file-server.ts'
import { makeTempDir } from '../../helpers/temp-dir.ts'
import { startTestCore, type TestCore } from '../../helpers/test-core.ts'
import { buildRenderer } from './build-renderer.ts'
import { launchChromium } from './chromium.ts'

const REPO_RESOURCES = join(import.meta.dirname, '../../../resources')

export interface UiWorld {
  t: TestCore
  openaiUp: FakeUpstream
  ollamaUp: FakeUpstream
  files: ModelFileServer
  browser: Browser
  context: BrowserContext
  page: Page
  /** http://127.0.0.1:PORT/ui/ */
  uiUrl: string
  close(): Promise<void>
}

/**
 * A real core (real SQLite in a temp dir) serving a fresh electron-vite build of the renderer at
 * /ui, fake OpenAI and Ollama upstreams, a loopback model file server in the catalog, and a
 * headless Chromium page (not signed in yet).
 */
export async function startUiWorld(): Promise<UiWorld> {
  const temp = makeTempDir('switchboard-e2e-')
  const uiDir = await buildRenderer(join(temp.dir, 'out'))

  const gguf = join(temp.dir, 'tiny.gguf')
  writeTinyLlamaGguf(gguf)
  const bytes = readFileSync(gguf)
  // Slow enough that the UI shows progress, speed and ETA for a moment.
  const files = await startModelFileServer(
    { '/tiny.gguf': bytes },
    { chunkBytes: 8 * 1024, delayMs: 40 },
  )
  const resources = join(temp.dir, 'resources')
  mkdirSync(join(resources, 'models'), { recursive: true })
  copyFileSync(join(REPO_RESOURCES, 'model-facts.json'), join(resources, 'model-facts.json'))
  writeFileSync(
    join(resources, 'model-catalog.json'),
    JSON.stringify({
      version: 1,
      models: [
        {
          id: 'tiny-router',
          name: 'Tiny router (test)',
          // Generative and not the default, so downloading it does not start loading it.
          engine: 'generative',
          uri: `${files.url}/tiny.gguf`,
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          licence: 'MIT',
          description: 'A tiny GGUF written by the test and served from loopback.',
          ramBytes: 20_000_000,
        },
      ],
    }),
  )

  const [openaiUp, ollamaUp] = await Promise.all([startFakeOpenAI(), startFakeOllama()])
  mkdirSync(join(temp.dir, 'data'))
  const t = await startTestCore({ uiDir, resourcesDir: resources, dataDir: join(temp.dir, 'data') })
  const browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  return {
    t,
    openaiUp,
    ollamaUp,
    files,
    browser,
    context,
    page,
    uiUrl: `${t.url}/ui/`,
    async close() {
      await browser.close()
      await t.close()
      await Promise.all([openaiUp.close(), ollamaUp.close(), files.close()])
      temp.cleanup()
    },
  }
}

/** Opens /ui and signs in with the admin token, as a user would. */
export async function signIn(world: UiWorld): Promise<void> {
  const { page } = world
  await page.goto(world.uiUrl)
  await page.getByLabel('Admin token').fill(world.t.core.adminToken)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
}

/** The two fake providers most pages are walked with: `oai` (OpenAI) and `local` (Ollama). */
export async function addFakeProviders(
  world: UiWorld,
  oai: { description?: string } = {},
): Promise<void> {
  await world.t.core.api.createProvider({
    id: 'oai',
    name: 'OpenAI (fake)',
    kind: 'openai',
    endpoint: `${world.openaiUp.url}/v1`,
    apiKey: 'sk-e2e-9876',
    ...oai,
  })
  await world.t.core.api.createProvider({
    id: 'local',
    name: 'Ollama (fake)',
    kind: 'ollama',
    endpoint: world.ollamaUp.url,
  })
}

/** A chat message naming a file the way Continue does, in a fenced block's info string. */
export const aboutFile = (file: string, ask: string) =>
  `\`\`\`tsx ${file}\nexport const App = () => null\n\`\`\`\n\n${ask}`

/** A chat request through /v1/mux as a client would send it; resolves to the HTTP status. */
export async function sendChat(
  world: UiWorld,
  content: string,
  model = 'switchboard',
): Promise<number> {
  const res = await fetch(`${world.t.url}/v1/mux/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'e2e-client' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
  })
  await res.text()
  return res.status
}
