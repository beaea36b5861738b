// Regenerates src/shared/operation-names.ts from the contract's keys, so the preload can expose
// every operation without bundling zod. Run it after adding an operation to src/shared/contract.ts:
//
//   node --experimental-strip-types scripts/gen-operation-names.ts
//
// tsc fails (and test/unit/ipc-contract.test.ts too) while the list and the contract disagree.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { contract } from '../src/shared/contract.ts'

const target = join(import.meta.dirname, '..', 'src', 'shared', 'operation-names.ts')
const lines = Object.keys(contract).map((name) => `  '${name}',`)

writeFileSync(
  target,
  `// Generated from src/shared/contract.ts by scripts/gen-operation-names.ts: do not edit by hand.
// The preload imports this plain list instead of the contract, so zod stays out of the preload.
import type { OperationName } from './contract.ts'

/** Every contract operation name, in contract order; each is also its IPC channel. */
export const operationNames = [
${lines.join('\n')}
] as const satisfies readonly OperationName[]

type Unlisted = Exclude<OperationName, (typeof operationNames)[number]>

/** Fails to compile while the contract has operations missing above: run the generator. */
export const operationNamesComplete: [Unlisted] extends [never] ? true : Unlisted = true
`,
)
console.log(`Wrote ${lines.length} operation names to ${target}`)
