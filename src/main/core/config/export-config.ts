import { Document } from 'yaml'
import type { Api } from '../../../shared/contract.ts'
import { defaultSettings, type Settings } from '../../../shared/schemas.ts'
import { apiKeyVariable } from './load-config.ts'

/** What an export reads: the management API, in-process or over HTTP. */
export type ExportSource = Pick<
  Api,
  | 'listProviders'
  | 'listWorkspaces'
  | 'getWorkspace'
  | 'listPersonas'
  | 'listGroups'
  | 'getSettings'
>

// Settings that belong to one machine, not to a team's shared file.
const MACHINE_SETTINGS: (keyof Settings)[] = [
  'port',
  'bindAddress',
  'startAtLogin',
  'notifyOnWorkspaceSwitch',
  'allowRemote',
]

/**
 * Everything an install routes by, as a config file: providers (keys as `${ID_API_KEY}`
 * references, never the key), personas, model groups, workspaces, the active one, and the
 * settings that differ from the defaults.
 */
export async function exportConfig(api: ExportSource): Promise<Record<string, unknown>> {
  const [providers, summaries, personas, groups, settings] = await Promise.all([
    api.listProviders({}),
    api.listWorkspaces({}),
    api.listPersonas({}),
    api.listGroups({}),
    api.getSettings({}),
  ])
  const workspaces = await Promise.all(summaries.map((w) => api.getWorkspace({ name: w.name })))
  return {
    version: 1,
    providers: providers.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      endpoint: p.endpoint,
      ...(p.description ? { description: p.description } : {}),
      auth: p.auth,
      ...(p.auth === 'api_key' && p.apiKeyHint ? { apiKey: `\${${apiKeyVariable(p.id)}}` } : {}),
    })),
    personas: personas.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      examples: p.examples,
    })),
    modelGroups: groups.map((g) => ({
      id: g.id,
      strategy: g.strategy,
      targets: g.targets,
      rules: g.rules,
      classifier: g.classifier,
    })),
    workspaces: workspaces.map((w) => ({
      name: w.name,
      rules: w.rules.map(({ id: _id, kind, ...rule }) => ({ kind, ...rule })),
      catchAll: w.catchAll,
      holdDecisionForTurn: w.holdDecisionForTurn,
      ...(w.dailySpendCapUsd != null ? { dailySpendCapUsd: w.dailySpendCapUsd } : {}),
    })),
    activeWorkspace: summaries.find((w) => w.active)?.name,
    settings: Object.fromEntries(
      Object.entries(settings).filter(
        ([key, value]) =>
          !MACHINE_SETTINGS.includes(key as keyof Settings) &&
          value !== defaultSettings[key as keyof Settings],
      ),
    ),
  }
}

/** The exported config as YAML, with a header saying which variables hold the keys. */
export function configToYaml(config: Record<string, unknown>, source: string): string {
  const doc = new Document(config)
  const variables = (config.providers as { apiKey?: string }[])
    .flatMap((p) => (p.apiKey ? [p.apiKey.slice(2, -1)] : []))
    .join(', ')
  doc.commentBefore = [
    ` Switchboard config, exported from ${source}.`,
    ' Start with: npm run serve -- --config switchboard.yaml',
    variables
      ? ` API keys are read from the environment: set ${variables}.`
      : ' No provider needs an API key.',
  ].join('\n')
  return doc.toString({ lineWidth: 100 })
}
