import { z } from 'zod'
import { contract } from '../../../shared/contract.ts'
import { GROUP_PROVIDER } from '../../../shared/groups.ts'
import { CatchAll, PersonaId, ProviderId, Rule, WorkspaceName } from '../../../shared/schemas.ts'

// The config file, built from the contract's own input schemas so a file is checked exactly like
// the API calls it stands for. Objects are strict: a misspelt key is an error, not ignored.

const ProviderEntry = contract.createProvider.input
  .extend({
    id: ProviderId.refine(
      (id) => id !== GROUP_PROVIDER,
      `"${GROUP_PROVIDER}" is reserved for model groups`,
    ),
  })
  .strict()

const WorkspaceEntry = z
  .object({
    name: WorkspaceName,
    rules: z.array(Rule).max(200).default([]),
    catchAll: CatchAll.nullable().default(null),
    holdDecisionForTurn: z.boolean().default(true),
    // Checked like the API call; left out, the workspace has no cap.
    dailySpendCapUsd: contract.setWorkspaceOptions.input.shape.dailySpendCapUsd
      .unwrap()
      .default(null),
  })
  .strict()

const PersonaEntry = contract.createPersona.input.extend({ id: PersonaId }).strict()

const GroupEntry = contract.createGroup.input.strict()

export const ConfigFile = z
  .object({
    version: z.literal(1, 'write version: 1').default(1),
    providers: z.array(ProviderEntry).default([]),
    personas: z.array(PersonaEntry).default([]),
    modelGroups: z.array(GroupEntry).default([]),
    workspaces: z.array(WorkspaceEntry).default([]),
    /** The workspace requests without a workspace go to; while set, switching is refused. */
    activeWorkspace: z.string().min(1).optional(),
    settings: contract.updateSettings.input.strict().default({}),
  })
  .strict()

export type ConfigFile = z.output<typeof ConfigFile>
export type ProviderEntry = z.output<typeof ProviderEntry>
export type WorkspaceEntry = z.output<typeof WorkspaceEntry>
export type PersonaEntry = z.output<typeof PersonaEntry>
export type GroupEntry = z.output<typeof GroupEntry>
