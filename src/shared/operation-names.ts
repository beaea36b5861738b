// Generated from src/shared/contract.ts by scripts/gen-operation-names.ts: do not edit by hand.
// The preload imports this plain list instead of the contract, so zod stays out of the preload.
import type { OperationName } from './contract.ts'

/** Every contract operation name, in contract order; each is also its IPC channel. */
export const operationNames = [
  'getStatus',
  'listProviderKinds',
  'listProviders',
  'getProvider',
  'createProvider',
  'updateProvider',
  'deleteProvider',
  'refreshProvider',
  'testProvider',
  'listWorkspaces',
  'getActiveWorkspace',
  'activateWorkspace',
  'getWorkspace',
  'createWorkspace',
  'renameWorkspace',
  'deleteWorkspace',
  'setRules',
  'setCatchAll',
  'setWorkspaceOptions',
  'exportWorkspace',
  'importWorkspace',
  'listPersonas',
  'createPersona',
  'updatePersona',
  'deletePersona',
  'correctPersonaDecision',
  'getRequestAsk',
  'removePersonaExample',
  'exportPersonas',
  'importPersonas',
  'testPersonas',
  'listModels',
  'downloadModel',
  'cancelModelDownload',
  'deleteModel',
  'importModel',
  'setActiveModel',
  'getClassifierStatus',
  'listGroups',
  'getGroup',
  'createGroup',
  'updateGroup',
  'deleteGroup',
  'testGroup',
  'previewRoute',
  'listRequests',
  'clearRequests',
  'regenerateAdminToken',
  'getSettings',
  'updateSettings',
] as const satisfies readonly OperationName[]

type Unlisted = Exclude<OperationName, (typeof operationNames)[number]>

/** Fails to compile while the contract has operations missing above: run the generator. */
export const operationNamesComplete: [Unlisted] extends [never] ? true : Unlisted = true
