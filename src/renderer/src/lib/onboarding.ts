import type { RequestLogEntry } from '../../../shared/activity.ts'
import type { CatchAll, Provider, Target } from '../../../shared/schemas.ts'

export type StepId = 'provider' | 'catch-all' | 'client' | 'first-request'

export interface Step {
  id: StepId
  label: string
  done: boolean
}

export interface ChecklistInput {
  providers: Pick<Provider, 'id'>[]
  /** The active workspace's catch-all; undefined while it loads. */
  catchAll: CatchAll | null | undefined
  /** A client snippet or the endpoint was copied in this window. */
  copied: boolean
  /** The newest request that was answered, if any ever was. */
  firstOk: RequestLogEntry | null
}

/** The steps from a fresh install to a routed request, in order, each ticked by what the core says. */
export function checklist(input: ChecklistInput): Step[] {
  const routed = input.firstOk !== null
  return [
    { id: 'provider', label: 'Add a provider', done: input.providers.length > 0 || routed },
    {
      id: 'catch-all',
      label: 'Choose where requests go by default (the catch-all)',
      done: !!input.catchAll || routed,
    },
    { id: 'client', label: 'Point a client at Switchboard', done: input.copied || routed },
    { id: 'first-request', label: 'Waiting for your first request', done: routed },
  ]
}

/** The first step not done yet, or null when all are. */
export function currentStep(steps: Step[]): StepId | null {
  return steps.find((s) => !s.done)?.id ?? null
}

const EMBEDDING = /embed/i

/** Models to offer as the catch-all in one click: a few chat models of the providers that answered. */
export function catchAllOffers(providers: Provider[], max = 4): Target[] {
  const usable = [...providers].sort((a, b) => rank(a) - rank(b))
  const offers: Target[] = []
  for (const p of usable) {
    for (const m of p.models) {
      if (EMBEDDING.test(m.id)) continue
      offers.push({ provider: p.id, model: m.id })
      if (offers.length >= max) return offers
    }
  }
  return offers
}

const rank = (p: Provider) => (p.status === 'ok' ? 0 : p.status === 'unknown' ? 1 : 2)

/** A request that failed because of how Switchboard is set up, with the fix to offer. */
export type SetupProblem =
  | { kind: 'no-catch-all'; workspace: string }
  | { kind: 'unknown-workspace'; workspace: string }
  | { kind: 'unreachable'; provider: string }
  | { kind: 'wrong-path'; path: string }

const NO_CATCH_ALL =
  /^No rule of workspace "(.+?)" matched this request and the workspace has no catch-all/
const UNKNOWN_WORKSPACE = /^No workspace named "(.+?)"/
const WRONG_PATH = /^No proxy route \w+ (\S+)\./

/**
 * Reads a failed request's error for a setup problem (the core's own wording, see decide.ts,
 * resolve-decision.ts, mux-routes.ts and network-errors.ts); null for any other failure.
 */
export function setupProblem(entry: RequestLogEntry): SetupProblem | null {
  if (entry.status < 400 || !entry.error) return null
  let m = NO_CATCH_ALL.exec(entry.error)
  if (m) return { kind: 'no-catch-all', workspace: m[1]! }
  m = UNKNOWN_WORKSPACE.exec(entry.error)
  if (m) return { kind: 'unknown-workspace', workspace: m[1]! }
  m = WRONG_PATH.exec(entry.error)
  if (m) return { kind: 'wrong-path', path: m[1]! }
  const tried = entry.attempts.filter((a) => !a.error?.startsWith('skipped'))
  const unreachable = tried.length > 0 && tried.every((a) => a.status === null && a.error !== null)
  if (unreachable && entry.status !== 499)
    return { kind: 'unreachable', provider: tried[0]!.target.provider }
  return null
}

/**
 * The setup problem to show now: the newest request's, unless a request was answered after it
 * (then the setup works and the failure is history).
 */
export function currentProblem(
  recent: RequestLogEntry[],
): { entry: RequestLogEntry; problem: SetupProblem } | null {
  for (const entry of recent) {
    if (entry.status < 400) return null
    const problem = setupProblem(entry)
    if (problem) return { entry, problem }
  }
  return null
}
