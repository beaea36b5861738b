import { describe, expect, it } from 'vitest'
import type { Workspace } from '../../src/shared/schemas.ts'
import { quantile, statsByModel } from '../../src/renderer/src/lib/activity-stats.ts'
import { fieldMessage } from '../../src/renderer/src/lib/field-message.ts'
import { formatBytes, formatDuration } from '../../src/renderer/src/lib/format.ts'
import {
  changeKind,
  draftProblem,
  move,
  newRule,
  parseTokenCount,
  ruleIndexOf,
  toRules,
} from '../../src/renderer/src/lib/rule-draft.ts'
import { providerUsages } from '../../src/renderer/src/lib/rule-usages.ts'
import { clientSnippets } from '../../src/renderer/src/lib/snippets.ts'
import { trySamples } from '../../src/renderer/src/lib/try-samples.ts'
import { matchesFilters } from '../../src/renderer/src/stores/activity.ts'
import { pageFromHash } from '../../src/renderer/src/lib/routes.ts'
import { logEntry } from './log-entry.ts'

const entry = logEntry

describe('rule drafts', () => {
  it('moves rows, keeps target and fallbacks across kinds, and strips editor keys', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b'])
    expect(move(['a', 'b'], 0, 5)).toEqual(['a', 'b'])
    const rule = { ...newRule('filename'), target: { provider: 'p', model: 'm' } }
    const persona = changeKind(rule, 'persona')
    expect(persona).toMatchObject({
      kind: 'persona',
      persona: '',
      target: { provider: 'p', model: 'm' },
    })
    expect(toRules([persona])[0]).not.toHaveProperty('key')
  })

  it('finds the first problem a user can fix before saving', () => {
    const ok = { ...newRule('request-type'), target: { provider: 'p', model: 'm' } }
    const noPattern = { ...newRule('filename'), target: { provider: 'p', model: 'm' } }
    expect(draftProblem([ok])).toBeNull()
    expect(draftProblem([ok, noPattern])).toMatchObject({ index: 1 })
    expect(draftProblem([newRule('request-type')])?.message).toContain('Pick the model')
    expect(ruleIndexOf('rules[3].pattern')).toBe(3)
    expect(ruleIndexOf('name')).toBeNull()
  })

  it('reads typed token counts for context rules', () => {
    expect(parseTokenCount('60000')).toBe(60000)
    expect(parseTokenCount(' 60,000 ')).toBe(60000)
    expect(parseTokenCount('60k')).toBe(60000)
    expect(parseTokenCount('1.1K')).toBe(1100)
    expect(parseTokenCount('')).toBeNaN()
    expect(parseTokenCount('lots')).toBeNaN()
    const target = { provider: 'p', model: 'm' }
    const context = { ...newRule('context'), target }
    expect(context).toMatchObject({ kind: 'context', minTokens: 60000 })
    expect(draftProblem([context])).toBeNull()
    const fraction = { ...context, kind: 'context' as const, minTokens: 2.5 }
    expect(draftProblem([fraction])?.message).toContain('whole number')
  })

  it('lists where a provider is used, as target or fallback', () => {
    const ws = {
      name: 'w',
      rules: [
        {
          id: 'r1',
          kind: 'request-type',
          requestType: 'fim',
          target: { provider: 'a', model: 'x' },
          fallbacks: [],
        },
        {
          id: 'r2',
          kind: 'request-type',
          requestType: 'chat',
          target: { provider: 'b', model: 'x' },
          fallbacks: [{ provider: 'a', model: 'y' }],
        },
      ],
      catchAll: { target: { provider: 'a', model: 'z' }, fallbacks: [] },
    } as unknown as Workspace
    expect(providerUsages([ws], 'a').map((u) => [u.ruleId, u.as])).toEqual([
      ['r1', 'target'],
      ['r2', 'fallback'],
      ['catch-all', 'target'],
    ])
  })
})

describe('activity statistics', () => {
  it('computes nearest-rank quantiles', () => {
    expect(quantile([], 0.5)).toBe(0)
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2)
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10)
  })

  it('groups requests, errors, latency and tokens per model, busiest first', () => {
    const stats = statsByModel([
      entry({ latencyMs: 100 }),
      entry({ latencyMs: 300, status: 502, tokensIn: null, tokensOut: null }),
      entry({ provider: 'local', model: 'qwen', latencyMs: 50 }),
    ])
    expect(stats[0]).toMatchObject({
      model: 'oai/gpt-4o',
      requests: 2,
      errors: 1,
      p50: 100,
      p95: 300,
      tokensIn: 10,
    })
    expect(stats[1]).toMatchObject({ model: 'local/qwen', requests: 1 })
  })

  it('matches live entries against the filters like the core does', () => {
    const f = { workspace: '', model: '', status: '' as const }
    expect(matchesFilters(entry({}), f)).toBe(true)
    expect(matchesFilters(entry({ status: 500 }), { ...f, status: 'ok' })).toBe(false)
    expect(matchesFilters(entry({}), { ...f, workspace: 'other' })).toBe(false)
    expect(matchesFilters(entry({}), { ...f, model: 'gpt-4o' })).toBe(true)
  })
})

describe('small helpers', () => {
  it('routes hashes to pages, unknown ones to the overview', () => {
    expect(pageFromHash('#/workspaces')).toBe('workspaces')
    expect(pageFromHash('#/nope')).toBe('overview')
    expect(pageFromHash('')).toBe('overview')
  })

  it('formats sizes and durations for people', () => {
    expect(formatBytes(36_806_944)).toBe('36.8 MB')
    expect(formatBytes(512)).toBe('512 B')
    expect(formatDuration(75)).toBe('1 min 15 s')
    expect(formatDuration(null)).toBe('—')
  })

  it("turns the core's field errors into instructions next to the field", () => {
    expect(fieldMessage('Invalid value for "port": Too small: expected number to be >=1.')).toBe(
      'Use 1 or more.',
    )
    expect(fieldMessage('Invalid value for "x": Too big: expected number to be <=0.5.')).toBe(
      'Use 0.5 or less.',
    )
    expect(fieldMessage('Invalid value for "name": use 1-64 letters.')).toBe('Use 1-64 letters.')
  })

  it('points every client snippet at the mux endpoint', () => {
    const snippets = clientSnippets('http://localhost:8989')
    expect(snippets.map((s) => s.id)).toEqual([
      'continue',
      'cline',
      'aider',
      'claude-code',
      'codex',
      'openai-sdk',
      'curl',
    ])
    for (const s of snippets) expect(s.code).toContain('http://localhost:8989/v1/mux')
  })

  it('builds try-it bodies in each client format', () => {
    const fim = trySamples.find((s) => s.id === 'fim')!
    expect(fim.route).toBe('completions')
    expect(String(fim.build('x', 'a.py').prompt)).toContain('a.py')
    const claude = trySamples.find((s) => s.id === 'claude-code')!
    expect(claude.route).toBe('messages')
  })
})
