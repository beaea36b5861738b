// Cost of reading file names from a request, on a ~2k-token and a ~200k-token Claude Code-style
// agent request (as the mux sees it after translation to OpenAI form), for the current
// extract-file-names.ts and for the same module at a git ref (before/after), side by side.
//
//   node --experimental-strip-types bench/file-names.ts [git-ref]   (default ref: main)
//
// The baseline module is copied from `git show <ref>:...` into a temp dir and imported from there;
// variants alternate within each round so machine noise hits them alike.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { extractFileNames } from '../src/main/core/routing/extract-file-names.ts'

type Extract = typeof extractFileNames
type Body = Parameters<Extract>[0]

const ROUNDS = 7
const ROUND_MS = 300
const MAX_CALLS = 20_000
const ROUTING = 'src/main/core/routing'

/** The module at `ref`, with its sibling prose module when the ref has one. */
async function moduleAt(ref: string, dir: string): Promise<Extract> {
  const routing = join(dir, ROUTING)
  mkdirSync(routing, { recursive: true })
  for (const file of ['extract-file-names.ts', 'file-names-in-prose.ts']) {
    try {
      const text = execFileSync('git', ['show', `${ref}:${ROUTING}/${file}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      })
      writeFileSync(join(routing, file), text)
    } catch {
      if (file === 'extract-file-names.ts') throw new Error(`no ${ROUTING}/${file} at ${ref}`)
    }
  }
  const url = pathToFileURL(join(routing, 'extract-file-names.ts')).href
  return ((await import(url)) as { extractFileNames: Extract }).extractFileNames
}

interface Message {
  role: string
  content: unknown
  tool_calls?: unknown[]
  tool_call_id?: string
}

const CODE_LINE = (i: number) =>
  `    ${String(i).padStart(4)}→  const item${i} = await repo.find({ id: ids[${i}] }) // see src/cart/item.ts`

/** A Claude Code session: its system prompt, tool turns reading files, reminders, then the ask. */
function agentBody(targetTokens: number): Body {
  const fixture = JSON.parse(
    readFileSync(new URL('../test/fixtures/clients/claude-code.json', import.meta.url), 'utf8'),
  ) as { body: { messages: Message[] } }
  const [system, firstUser] = fixture.body.messages
  const messages: Message[] = [
    { ...system!, content: String(system!.content).repeat(Math.ceil(targetTokens / 200)) },
    firstUser!,
  ]
  const targetChars = targetTokens * 4
  let chars = JSON.stringify(messages).length
  for (let turn = 0; chars < targetChars * 0.9; turn++) {
    const path = `/home/dev/shop/src/module${turn % 50}/file${turn}.ts`
    const code = Array.from({ length: 60 }, (_, i) => CODE_LINE(i)).join('\n')
    const turnMessages: Message[] = [
      {
        role: 'assistant',
        content: `Reading ${path} to check the coupon logic.`,
        tool_calls: [
          {
            id: `toolu_${turn}`,
            type: 'function',
            function: { name: 'Read', arguments: JSON.stringify({ file_path: path }) },
          },
        ],
      },
      { role: 'tool', tool_call_id: `toolu_${turn}`, content: code },
    ]
    if (turn % 8 === 7) {
      turnMessages.push({
        role: 'user',
        content: `<system-reminder>\nThe TodoWrite list is empty. Files changed: ${path}\n</system-reminder>`,
      })
    }
    messages.push(...turnMessages)
    chars += JSON.stringify(turnMessages).length
  }
  // The ask: a pasted, unfenced log (prose to a reader) and a question naming a file.
  const log = Array.from(
    { length: Math.max(1, Math.floor((targetChars - chars) / 90)) },
    (_, i) =>
      `    at handler (/home/dev/shop/src/server/routes/r${i % 4}.ts:${i}:7) in request ${i}`,
  ).join('\n')
  messages.push({
    role: 'user',
    content: `Checkout now fails with this, see src/cart/total.ts and src/App.tsx:\n${log}`,
  })
  return { messages: messages as Body['messages'] }
}

function timeRound(extract: Extract, body: Body): number[] {
  const micros: number[] = []
  const end = performance.now() + ROUND_MS
  for (let i = 0; i < MAX_CALLS && performance.now() < end; i++) {
    const start = performance.now()
    extract(body)
    micros.push((performance.now() - start) * 1000)
  }
  return micros
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

async function main(): Promise<void> {
  const ref = process.argv[2] ?? 'main'
  const dir = join(tmpdir(), `switchboard-bench-files-${process.pid}`)
  try {
    const before = await moduleAt(ref, dir)
    const bodies = { small: agentBody(2_000), large: agentBody(200_000) }
    const variants = { before, after: extractFileNames }
    const samples: Record<string, number[]> = {}
    for (let round = 0; round < ROUNDS; round++) {
      for (const [size, body] of Object.entries(bodies)) {
        const order =
          round % 2 === 0 ? Object.entries(variants) : Object.entries(variants).reverse()
        for (const [name, extract] of order) {
          ;(samples[`${name}/${size}`] ??= []).push(...timeRound(extract, body))
        }
      }
    }
    const us = (key: string) => median(samples[key]!)
    console.log(
      `file name extraction, before = ${ref}, after = working tree; median µs per request`,
    )
    for (const [size, body] of Object.entries(bodies)) {
      const json = JSON.stringify(body).length
      console.log(
        `  ${size.padEnd(5)} ~${Math.round(json / 4 / 1000)}k tokens (${body.messages!.length} messages): ` +
          `before ${us(`before/${size}`).toFixed(1)}  after ${us(`after/${size}`).toFixed(1)}  ` +
          `after/before ${(us(`after/${size}`) / us(`before/${size}`)).toFixed(2)}  ` +
          `files ${extractFileNames(body).length} (before ${before(body).length})`,
      )
    }
    for (const name of Object.keys(variants)) {
      console.log(
        `  ${name} large/small: ${(us(`${name}/large`) / us(`${name}/small`)).toFixed(2)}`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
