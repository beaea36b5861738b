import type { OperationName, OperationOutput, ParsedInput } from '../../../shared/contract.ts'
import { providerKindInfo } from '../../../shared/provider-kinds.ts'
import type { Decision } from '../../../shared/activity.ts'
import type { AppStatus } from '../../../shared/schemas.ts'
import type { ActivitySummarizer } from '../activity/activity-summary.ts'
import type { RequestBodyStore } from '../activity/request-bodies.ts'
import type { RequestLog } from '../activity/request-log.ts'
import type { GroupChooser } from '../groups/group-chooser.ts'
import type { MemberKeys } from '../keys/member-keys.ts'
import type { GroupService } from '../groups/group-service.ts'
import type { ClassifierService } from '../personas/classifier-service.ts'
import type { PersonaCorrections } from '../personas/persona-corrections.ts'
import type { PersonaTransfer } from '../personas/persona-transfer.ts'
import type { PersonaService } from '../personas/persona-service.ts'
import type { ProviderService } from '../providers/provider-service.ts'
import type { SettingsService } from '../settings-service.ts'
import type { WorkspaceService } from '../workspaces/workspace-service.ts'

export type Handlers = {
  [K in OperationName]: (input: ParsedInput<K>) => OperationOutput<K> | Promise<OperationOutput<K>>
}

interface Services {
  providers: ProviderService
  workspaces: WorkspaceService
  settings: SettingsService
  log: RequestLog
  bodies: RequestBodyStore
  summarize: ActivitySummarizer
  personas: PersonaService
  corrections: PersonaCorrections
  personaTransfer: PersonaTransfer
  classifier: ClassifierService
  groups: GroupService
  chooseGroup: GroupChooser
  memberKeys: MemberKeys
  testPersonas: (input: ParsedInput<'testPersonas'>) => Promise<OperationOutput<'testPersonas'>>
  previewRoute: (input: ParsedInput<'previewRoute'>) => Promise<Decision>
  status: () => Omit<AppStatus, 'activeWorkspace'>
  regenerateAdminToken: () => { token: string }
}

/** The one implementation of the contract. Inputs arrive validated. */
export function createHandlers(s: Services): Handlers {
  return {
    getStatus: () => ({ ...s.status(), activeWorkspace: s.workspaces.active().name }),
    listProviderKinds: () => Object.values(providerKindInfo),
    listProviders: () => s.providers.list(),
    getProvider: ({ id }) => s.providers.get(id),
    createProvider: (input) => s.providers.create(input),
    updateProvider: (input) => s.providers.update(input),
    deleteProvider: (input) => s.providers.delete(input),
    refreshProvider: ({ id }) => s.providers.refresh(id),
    testProvider: (input) => s.providers.test(input),

    listWorkspaces: () => s.workspaces.list(),
    getActiveWorkspace: () => s.workspaces.active(),
    activateWorkspace: ({ name }) => s.workspaces.activate(name),
    getWorkspace: ({ name }) => s.workspaces.get(name),
    createWorkspace: ({ name }) => s.workspaces.create(name),
    renameWorkspace: ({ name, newName }) => s.workspaces.rename(name, newName),
    deleteWorkspace: ({ name }) => {
      s.workspaces.delete(name)
      return { ok: true as const }
    },
    setRules: ({ name, rules }) => s.workspaces.setRules(name, rules),
    setCatchAll: ({ name, catchAll }) => s.workspaces.setCatchAll(name, catchAll),
    setWorkspaceOptions: ({ name, ...options }) => s.workspaces.setOptions(name, options),
    exportWorkspace: ({ name }) => s.workspaces.export(name),
    importWorkspace: ({ document, ...options }) => s.workspaces.import(document, options),

    listPersonas: () => s.personas.list(),
    createPersona: (draft) => s.personas.create(draft),
    updatePersona: ({ id, ...patch }) => s.personas.update(id, patch),
    deletePersona: ({ id, force }) => s.personas.delete(id, force),
    correctPersonaDecision: (input) => s.corrections.correct(input),
    getRequestAsk: ({ requestId }) => s.corrections.requestAsk(requestId),
    removePersonaExample: ({ id, exampleId }) => s.corrections.removeExample(id, exampleId),
    exportPersonas: () => s.personaTransfer.export(),
    importPersonas: ({ document, replace }) => s.personaTransfer.import(document, replace),
    testPersonas: (input) => s.testPersonas(input),

    listModels: () => s.classifier.list(),
    downloadModel: ({ id }) => s.classifier.download(id),
    cancelModelDownload: ({ id }) => s.classifier.cancel(id),
    deleteModel: async ({ id }) => {
      await s.classifier.delete(id)
      return { ok: true as const }
    },
    importModel: ({ path, engine }) => s.classifier.import(path, engine),
    setActiveModel: ({ engine, id }) => s.classifier.setActive(engine, id),
    getClassifierStatus: () => s.classifier.status(),

    listGroups: () => s.groups.list(),
    getGroup: ({ id }) => s.groups.get(id),
    createGroup: (draft) => s.groups.create(draft),
    updateGroup: ({ id, ...patch }) => s.groups.update(id, patch),
    deleteGroup: ({ id }) => {
      s.groups.delete(id)
      return { ok: true as const }
    },
    testGroup: async ({ id, prompt }) => {
      s.groups.get(id)
      const choice = await s.chooseGroup(s.groups.find(id)!, {
        text: prompt,
        promptChars: prompt.length,
        files: [],
      })
      return { ...choice.decision, target: choice.target }
    },

    previewRoute: (input) => s.previewRoute(input),
    listRequests: (query) => s.log.list(query),
    getRequestBodies: ({ id }) => s.bodies.get(id),
    activitySummary: (query) => s.summarize(query),
    clearRequests: () => {
      s.log.clear()
      s.bodies.clear()
      return { ok: true as const }
    },

    listMemberKeys: () => s.memberKeys.list(),
    createMemberKey: (draft) => s.memberKeys.create(draft),
    revokeMemberKey: ({ id }) => s.memberKeys.revoke(id),
    getMemberKeyUsage: ({ id }) => s.memberKeys.usage(id),

    regenerateAdminToken: () => s.regenerateAdminToken(),
    getSettings: () => s.settings.get(),
    updateSettings: (patch) => s.settings.update(patch),
  }
}
