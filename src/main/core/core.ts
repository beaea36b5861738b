import type { Api } from '../../shared/contract.ts'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RequestLogEntry } from '../../shared/activity.ts'
import type { ServerStatus } from '../../shared/schemas.ts'
import { createActivitySummary } from './activity/activity-summary.ts'
import { createCostCalculator, createPriceLookup } from './activity/cost.ts'
import { createMetrics } from './activity/metrics.ts'
import { createRequestBodies } from './activity/request-bodies.ts'
import { createRequestLog } from './activity/request-log.ts'
import { createWorkspaceSpendCaps } from './activity/workspace-spend-caps.ts'
import { createInProcessApi } from './api/call-operation.ts'
import { createHandlers, type Handlers } from './api/handlers.ts'
import { openDatabase } from './db/connection.ts'
import { createLearnedLimitRepo } from './db/learned-limit-repo.ts'
import { createPersonaRepo } from './db/persona-repo.ts'
import { createProviderRepo } from './db/provider-repo.ts'
import { createSettingsRepo } from './db/settings-repo.ts'
import { createWorkspaceRepo } from './db/workspace-repo.ts'
import { regenerateAdminTokenFile, resolveAdminToken } from './data-dir.ts'
import { SwitchboardError } from '../../shared/errors.ts'
import { createConfigService, type ConfigService } from './config/config-service.ts'
import { createManagedObjects } from './config/managed-objects.ts'
import { guardManagedHandlers, markManagedEvents } from './config/read-only-guard.ts'
import type { WatchOptions } from './config/watch-config.ts'
import { createEventBus, type EventBus } from './events.ts'
import { databaseCheck, providersCheck } from './health/readiness.ts'
import { createMemberKeyRepo } from './keys/member-key-repo.ts'
import { createMemberKeys } from './keys/member-keys.ts'
import { createHttpApp } from './mux/http-app.ts'
import { createOpsRoutes } from './mux/ops-routes.ts'
import { createGroupChooser } from './groups/group-chooser.ts'
import { createGroupRepo } from './groups/group-repo.ts'
import { createGroupService } from './groups/group-service.ts'
import { localRater, providerRater } from './groups/raters.ts'
import { createMux } from './mux/mux-routes.ts'
import { createRoutePreview } from './mux/route-preview.ts'
import { createHostAllowList, isLoopbackAddress } from './mux/security.ts'
import { createStaticUi } from './mux/static-ui.ts'
import {
  createServerService,
  DEFAULT_SERVER_LIMITS,
  type ServerLimits,
  type ServerService,
} from './mux/server-service.ts'
import { createThrottledLog } from './mux/throttled-log.ts'
import { disposeLlamaRuntime } from './personas/llama-runtime.ts'
import { createPersonaClassification } from './personas/persona-classification.ts'
import { createPersonaCorrections } from './personas/persona-corrections.ts'
import { createPersonaService } from './personas/persona-service.ts'
import { createPersonaTransfer } from './personas/persona-transfer.ts'
import { ollamaLimitProbe } from './providers/discovery.ts'
import {
  createModelFacts,
  createTableLookup,
  loadModelFactsTable,
} from './providers/model-facts.ts'
import { createProviderCache } from './providers/provider-cache.ts'
import { createProviderService } from './providers/provider-service.ts'
import { createUpstreamPool } from './providers/upstream-pool.ts'
import { createRuleCache } from './routing/rule-cache.ts'
import { createTurnStore } from './routing/turn-store.ts'
import { createFileSecrets } from './secrets/file-secrets.ts'
import type { Secrets } from './secrets/secrets.ts'
import { createSettingsService, type SettingsService } from './settings-service.ts'
import { VERSION } from './version.ts'
import { createWorkspaceService } from './workspaces/workspace-service.ts'

export const DEFAULT_PORT = 8989

export interface CoreOptions {
  dataDir: string
  /** Electron's safeStorage in the app; defaults to an AES-256-GCM key file in the data dir. */
  secrets?: Secrets
  /** Overrides `<dataDir>/admin-token`. */
  adminToken?: string
  host?: string
  port?: number
  /** Browser origins of the app's own UI, allowed to call the API. */
  allowedOrigins?: string[]
  /** Where the model catalog and bundled models are (the app's resources); defaults to the repo's. */
  resourcesDir?: string
  /** Hugging Face endpoint for model downloads (a mirror); defaults to HF_ENDPOINT or huggingface.co. */
  huggingFaceEndpoint?: string
  /** The built renderer served at /ui; defaults to the repo's out/renderer. */
  uiDir?: string
  /** Timeouts and caps per client connection (tests make them small). */
  serverLimits?: Partial<ServerLimits>
  /** Consent given at start (`--allow-remote`) to bind an address other machines can reach. */
  allowRemote?: boolean
  /** A token that may read /metrics (a Prometheus scraper's), besides the admin token. */
  metricsToken?: string
  /** A config file (YAML or JSON) applied at start and on every save; what it declares is read-only. */
  configFile?: string
  /** How quickly saves of the config file are noticed. */
  configWatch?: WatchOptions
  /** Where the config file's reloads and refusals are reported; defaults to stderr. */
  log?: (line: string) => void
}

const repoResources = fileURLToPath(new URL('../../../resources', import.meta.url))
const repoUi = fileURLToPath(new URL('../../../out/renderer', import.meta.url))

export interface Core {
  api: Api
  handlers: Handlers
  events: EventBus
  /** The proxy's status; `stop` closes it until `listen` (the app's "stop proxy", tests of a restart). */
  server: Pick<ServerService, 'status' | 'stop'>
  /** The config file in force, when started with one. */
  config: Pick<ConfigService, 'status' | 'reload'> | null
  /** Settings as they change (the app applies startAtLogin and port from them). */
  settings: Pick<SettingsService, 'get' | 'onChange'>
  adminToken: string
  dataDir: string
  /** The address the server binds: the `host` option, else the bindAddress setting. */
  host(): string
  /** Whether binding beyond loopback was consented to: `allowRemote` at start or in the settings. */
  remoteAllowed(): boolean
  /** Starts the HTTP server (mux and management API) on the configured host and port. */
  start(): Promise<ServerStatus>
  /** Listens again, on `port` or the configured one: after "port in use", or when the port setting changes. */
  listen(port?: number): Promise<ServerStatus>
  /** Stops the server (in-flight requests finish), closes upstream connections and the database. */
  close(): Promise<void>
}

/** Builds the whole product on a data dir. Throws a clear error when another instance holds it. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(options.dataDir)
  const managed = createManagedObjects()
  // Objects a config file declares carry `managedBy` in every event, as in every API answer.
  const events = markManagedEvents(createEventBus(), managed)
  const secrets = options.secrets ?? createFileSecrets(options.dataDir)
  let adminToken = resolveAdminToken(options.dataDir, options.adminToken)
  const settingsRepo = createSettingsRepo(db)
  const settings = createSettingsService(settingsRepo)
  // Every window shows the settings in force, whoever changed them (another window, the API, a config file).
  settings.onChange((next) => events.emit('settingsChanged', next))
  const pool = createUpstreamPool(() => settings.get().upstreamConnectTimeoutMs)
  // A host given at start (--host) wins over the bindAddress setting.
  const host = () => options.host ?? settings.get().bindAddress
  const remoteAllowed = () => options.allowRemote === true || settings.get().allowRemote
  /** Listens on the configured host, unless it reaches beyond loopback without consent. */
  function listenOn(port: number): Promise<ServerStatus> {
    const address = host()
    if (isLoopbackAddress(address) || remoteAllowed()) return server.start(address, port)
    return Promise.resolve(server.refuse(address))
  }

  const providerRepo = createProviderRepo(db)
  const workspaceRepo = createWorkspaceRepo(db)
  const providers = createProviderService({
    providers: providerRepo,
    workspaces: workspaceRepo,
    secrets,
    events,
    dispatcher: pool.get,
    discoveryTimeoutMs: () => settings.get().discoveryTimeoutMs,
    connectTimeoutMs: () => settings.get().upstreamConnectTimeoutMs,
  })
  const personaRepo = createPersonaRepo(db)
  const personas = createPersonaService(personaRepo, events)
  const workspaces = createWorkspaceService({
    db,
    workspaces: workspaceRepo,
    providers: providerRepo,
    personas: personaRepo,
    groupExists: (id) => groupRepo.get(id) !== undefined,
    settings: settingsRepo,
    events,
  })
  const groupRepo = createGroupRepo(db)
  const groups = createGroupService({
    repo: groupRepo,
    providers: providerRepo,
    workspaceExists: (name) => workspaces.find(name) !== undefined,
    settings: settingsRepo,
    events,
  })

  const config = options.configFile
    ? createConfigService({
        file: options.configFile,
        deps: { db, providers, personas, groups, workspaces, settings, state: settingsRepo },
        managed,
        log: options.log ?? ((line) => console.error(`switchboard: ${line}`)),
        watch: options.configWatch,
      })
    : null
  // Applied before the classifier subscribes to changes, so a file's settings load nothing early.
  try {
    config?.applyAtStart()
  } catch (err) {
    db.close()
    throw err
  }
  const classification = createPersonaClassification({
    db,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir ?? repoResources,
    huggingFaceEndpoint: options.huggingFaceEndpoint ?? process.env.HF_ENDPOINT,
    dispatcher: pool.get(),
    settings,
    settingsRepo,
    personas,
    personaRepo,
    events,
  })
  const { manager, local, classify, service: classifier } = classification

  const providerCache = createProviderCache(providerRepo, secrets, events)
  const factsTable = loadModelFactsTable(
    join(options.resourcesDir ?? repoResources, 'model-facts.json'),
  )
  const modelFacts = createModelFacts({
    table: factsTable,
    provider: providerCache.get,
    store: createLearnedLimitRepo(db),
    probe: ollamaLimitProbe({
      apiKey: providerCache.apiKey,
      dispatcher: pool.get,
      timeoutMs: () => settings.get().discoveryTimeoutMs,
    }),
  })
  const rules = createRuleCache(workspaces, personas)
  const chooseGroup = createGroupChooser({
    servingProvider: groups.servingProvider,
    rater: (group) =>
      group.classifier.source === 'provider' && group.classifier.target
        ? providerRater(group.classifier.target, {
            provider: providerCache.get,
            apiKey: providerCache.apiKey,
            dispatcher: pool.get,
          })
        : localRater(local.generative),
    timeoutMs: () => settings.get().classifierTimeoutMs,
  })
  const turns = createTurnStore()
  const decisionDeps = {
    rules,
    provider: providerCache.get,
    classify,
    group: groups.find,
    chooseGroup,
    turns,
  }
  const log = createRequestLog(db, events, () => settings.get().requestLogMaxRows)
  const tableLookup = createTableLookup(factsTable)
  const costDeps = {
    providerKind: (id: string) => providerCache.get(id)?.kind,
    tablePrice: (model: string) => tableLookup(model)?.price ?? null,
    overrides: () => settings.get().priceOverrides,
  }
  const priceOf = createPriceLookup(costDeps)
  const costOf = createCostCalculator(costDeps, priceOf)
  const bodies = createRequestBodies(db, () => settings.get().keepRequestBodiesDays)
  // Turning the setting down deletes what it no longer allows at once, not at the next write.
  settings.onChange(() => bodies.prune())
  const spendCaps = createWorkspaceSpendCaps({
    log,
    capOf: (name) => rules.byName(name)?.dailySpendCapUsd ?? null,
    priceOf,
  })
  const memberKeys = createMemberKeys({
    repo: createMemberKeyRepo(db),
    log,
    workspaceExists: (name) => workspaces.find(name) !== undefined,
  })
  // Spend caps and metrics follow the log as its batches are written, off the hot path.
  events.onAny((event, payload) => {
    if (event !== 'requestLogged') return
    memberKeys.record(payload as RequestLogEntry)
    spendCaps.record(payload as RequestLogEntry)
  })
  const metrics = createMetrics({ events, provider: providerCache.get })
  // Beyond loopback every mux request needs a member key; on loopback only when the setting says so.
  const keysRequired = () => settings.get().requireMuxKeys || !isLoopbackAddress(host())
  const handlers = guardManagedHandlers(
    createHandlers({
      providers,
      workspaces,
      settings,
      log,
      bodies,
      summarize: createActivitySummary({ log, priceOf }),
      personas,
      corrections: createPersonaCorrections({
        repo: personaRepo,
        personas,
        asks: classification.asks,
        request: log.get,
      }),
      personaTransfer: createPersonaTransfer({ db, repo: personaRepo, personas }),
      classifier,
      testPersonas: classification.testPersonas,
      groups,
      chooseGroup,
      memberKeys,
      // Previews read the turn store and conversation affinity, and never write them.
      previewRoute: createRoutePreview({
        ...decisionDeps,
        turns: turns.readOnly(),
        classify: classification.previewClassify,
      }),
      status: () => ({ version: VERSION, dataDir: options.dataDir, server: server.status() }),
      regenerateAdminToken() {
        if (options.adminToken) {
          throw new SwitchboardError(
            'conflict',
            'The admin token is set by --admin-token or SWITCHBOARD_ADMIN_TOKEN; change it there and restart.',
          )
        }
        adminToken = regenerateAdminTokenFile(options.dataDir)
        return { token: adminToken }
      },
    }),
    managed,
  )
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.serverLimits }
  const clientLog = createThrottledLog()
  const app = createHttpApp({
    bodyLimits: { maxBytes: limits.maxBodyBytes, timeoutMs: limits.bodyTimeoutMs },
    log: clientLog,
    handlers,
    events,
    adminToken: () => adminToken,
    version: VERSION,
    // Without a build, /ui answers with how to make one.
    ui: createStaticUi(options.uiDir ?? repoUi),
    mux: createMux({
      ...decisionDeps,
      groups: groups.offered,
      workspaces,
      log,
      asks: classification.asks,
      apiKey: providerCache.apiKey,
      providers: providerCache.list,
      dispatcher: pool.get,
      settings: settings.get,
      limits: modelFacts.limitsFor,
      learnLimits: modelFacts.learn,
      costOf,
      memberKey: (headers) => memberKeys.check(headers, keysRequired()),
      memberKeyCap: memberKeys.checkCap,
      refusedKey: metrics.countRefusedKey,
      bodies,
      // A directly named model counts toward the active workspace, as its log row does.
      spendCapSkip: (workspace, target) =>
        spendCaps.check(workspace ?? rules.active().name, target),
    }),
    ops: createOpsRoutes({
      checks: {
        database: databaseCheck(db),
        config: () => {
          const status = config?.status()
          return status && !status.valid
            ? (status.error ?? 'the config file has not been applied')
            : null
        },
        providers: providersCheck(providerCache.list),
      },
      metrics,
      adminToken: () => adminToken,
      metricsToken: options.metricsToken,
    }),
    policy: {
      hostAllowed: createHostAllowList(() => settings.get().extraHostNames),
      allowedOrigins: () => {
        const status = server.status()
        const own =
          status.state === 'listening'
            ? [`http://localhost:${status.port}`, `http://127.0.0.1:${status.port}`]
            : []
        return new Set([...own, ...(options.allowedOrigins ?? [])])
      },
    },
  })
  const server: ServerService = createServerService(
    app.handle,
    (status) => events.emit('serverStatusChanged', status),
    limits,
    clientLog,
  )

  let closed = false
  return {
    api: createInProcessApi(handlers),
    handlers,
    events,
    server,
    settings,
    config,
    host,
    remoteAllowed,
    get adminToken() {
      return adminToken
    },
    dataDir: options.dataDir,
    async start() {
      await manager.start()
      classifier.resync()
      config?.watch()
      return listenOn(options.port ?? settings.get().port)
    },
    listen: (port) => listenOn(port ?? options.port ?? settings.get().port),
    async close() {
      if (closed) return
      closed = true
      config?.close()
      app.closeStreams()
      await server.stop()
      await classifier.stop()
      await manager.stop()
      await disposeLlamaRuntime()
      await pool.close()
      log.flush()
      bodies.flush()
      metrics.close()
      db.close()
    },
  }
}
