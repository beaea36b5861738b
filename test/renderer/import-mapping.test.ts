import { describe, expect, it } from 'vitest'
import type { WorkspaceExport } from '../../src/shared/schemas.ts'
import {
  choiceKey,
  DROP,
  freeName,
  importMaps,
  missingReferences,
} from '../../src/renderer/src/lib/import-mapping.ts'

const doc: WorkspaceExport = {
  switchboard: 'workspace',
  version: 1,
  name: 'theirs',
  holdDecisionForTurn: true,
  rules: [
    {
      kind: 'filename',
      pattern: '.go',
      caseSensitive: false,
      requestType: 'any',
      target: { provider: 'groq', model: 'llama' },
      fallbacks: [{ provider: 'local', model: 'qwen' }],
    },
    {
      kind: 'persona',
      persona: 'critic',
      requestType: 'any',
      target: { provider: 'group', model: 'smart' },
      fallbacks: [{ provider: 'groq', model: 'mixtral' }],
    },
  ],
  catchAll: { target: { provider: 'groq', model: 'llama' }, fallbacks: [] },
}

describe('import mapping', () => {
  it('lists what the file names but this machine lacks, with how many rules use each', () => {
    const missing = missingReferences(doc, { providers: ['local'], personas: [], groups: [] })
    expect(missing).toEqual([
      { kind: 'provider', id: 'groq', uses: 3 },
      { kind: 'persona', id: 'critic', uses: 1 },
      { kind: 'group', id: 'smart', uses: 1 },
    ])
    expect(
      missingReferences(doc, {
        providers: ['local', 'groq'],
        personas: ['critic'],
        groups: ['smart'],
      }),
    ).toEqual([])
  })

  it('builds the maps only once every missing item has a choice', () => {
    const missing = missingReferences(doc, { providers: ['local'], personas: [], groups: [] })
    const choices = {
      [choiceKey('provider', 'groq')]: 'local',
      [choiceKey('persona', 'critic')]: DROP,
    }
    expect(importMaps(missing, choices)).toBeNull()
    expect(importMaps(missing, { ...choices, [choiceKey('group', 'smart')]: 'fast' })).toEqual({
      providerMap: { groq: 'local' },
      personaMap: { critic: null },
      groupMap: { smart: 'fast' },
    })
  })

  it('suggests a free name the way the core compares names (ignoring case)', () => {
    expect(freeName('backend', ['default'])).toBe('backend')
    expect(freeName('Backend', ['backend', 'BACKEND 2'])).toBe('Backend 3')
  })
})
