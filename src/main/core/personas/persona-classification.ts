import { join } from 'node:path'
import type { Dispatcher } from 'undici'
import type { Db } from '../db/connection.ts'
import { createVectorCache, type PersonaRepo } from '../db/persona-repo.ts'
import type { SettingsRepo } from '../db/settings-repo.ts'
import type { EventBus } from '../events.ts'
import { createModelManager } from '../models/model-manager.ts'
import type { SettingsService } from '../settings-service.ts'
import { createAffinityCache } from './affinity-cache.ts'
import { createClassifier } from './classifier.ts'
import type { PersonaProfile } from './engine.ts'
import { createClassifierService } from './classifier-service.ts'
import { createLexicalEngine } from './lexical-engine.ts'
import { createLocalModels } from './local-models.ts'
import type { PersonaService } from './persona-service.ts'
import { createRecentAsks } from './recent-asks.ts'
import { createPersonaTester } from './test-personas.ts'

interface Deps {
  db: Db
  dataDir: string
  resourcesDir: string
  huggingFaceEndpoint?: string
  dispatcher: Dispatcher
  settings: SettingsService
  settingsRepo: SettingsRepo
  personas: PersonaService
  personaRepo: PersonaRepo
  events: EventBus
}

/**
 * Persona classification wired together: the lexical engine always, a local GGUF model (downloaded
 * or imported through the model manager) once one is ready, conversation affinity, and the tester.
 */
export function createPersonaClassification(deps: Deps) {
  const { settings, settingsRepo, personaRepo } = deps
  const manager = createModelManager({
    modelsDir: join(deps.dataDir, 'models'),
    catalogPath: join(deps.resourcesDir, 'model-catalog.json'),
    bundledDir: join(deps.resourcesDir, 'models'),
    huggingFaceEndpoint: deps.huggingFaceEndpoint,
    dispatcher: deps.dispatcher,
    settings: {
      getActive: (engine) => settingsRepo.get<string>(`activeModel.${engine}`) ?? null,
      setActive: (engine, id) => settingsRepo.set(`activeModel.${engine}`, id),
    },
  })
  const local = createLocalModels({
    manager,
    settings: settings.get,
    vectors: createVectorCache(deps.db),
  })
  const service = createClassifierService({
    manager,
    local,
    settings: settings.get,
    events: deps.events,
  })
  settings.onChange(() => service.resync())
  // The hot path reads personas from memory; any persona change reloads them, and conversations
  // are classified afresh (a correction must not be outvoted by a remembered persona).
  const affinity = createAffinityCache()
  let profiles = personaProfiles(personaRepo)
  deps.personas.onChange(() => {
    profiles = personaProfiles(personaRepo)
    affinity.clear()
  })
  const engines = {
    personas: () => profiles,
    lexical: createLexicalEngine(),
    modelEngine: local.engine,
    settings: settings.get,
  }
  const asks = createRecentAsks()
  const classifyRequest = createClassifier({ ...engines, affinity })
  return {
    manager,
    local,
    service,
    asks,
    async classify(text: string, conversation: string | null) {
      const classification = await classifyRequest(text, conversation)
      asks.noteClassified(classification, text)
      return classification
    },
    /** The same classifier for route previews: it reads conversation affinity, never writes it. */
    previewClassify: createClassifier({ ...engines, affinity: affinity.readOnly() }),
    testPersonas: createPersonaTester(engines),
  }
}

/** What the engines read of each persona: typed and learned examples alike. */
function personaProfiles(repo: PersonaRepo): PersonaProfile[] {
  return repo.list().map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    examples: [...p.examples, ...p.learnedExamples.map((e) => e.text)],
  }))
}
