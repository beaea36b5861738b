import { applyConfig, notifyAll, type ApplyDeps } from './apply-config.ts'
import { loadConfigFile } from './load-config.ts'
import type { ManagedObjects } from './managed-objects.ts'
import { watchConfigFile, type WatchOptions } from './watch-config.ts'

/** Whether the config file on disk is the one in force (for readiness checks and the log). */
export interface ConfigStatus {
  file: string
  /** False after an edit that could not be applied: the previous config still runs. */
  valid: boolean
  error: string | null
  appliedAt: string | null
}

interface Options {
  file: string
  deps: ApplyDeps
  managed: ManagedObjects
  log: (line: string) => void
  env?: Record<string, string | undefined>
  watch?: WatchOptions
}

/** Config as code: applies the file at start, then on every save that changes it, all-or-nothing. */
export function createConfigService(options: Options) {
  const { file, deps, managed, log } = options
  let status: ConfigStatus = { file, valid: false, error: null, appliedAt: null }
  let appliedHash: string | null = null
  let watcher: { close(): void } | undefined

  function apply(): void {
    const loaded = loadConfigFile(file, options.env)
    if (loaded.hash === appliedHash) {
      status = { ...status, valid: true, error: null }
      return
    }
    const { snapshot, changedProviders } = applyConfig(loaded, deps)
    managed.set(snapshot)
    notifyAll(deps)
    appliedHash = loaded.hash
    status = { file, valid: true, error: null, appliedAt: new Date().toISOString() }
    // Connecting lists each changed provider's models; a provider that is down is saved with its error.
    for (const id of changedProviders) void deps.providers.refresh(id).catch(() => {})
    const { config: c } = loaded
    log(
      `applied ${file}: ${c.providers.length} providers, ${c.workspaces.length} workspaces, ${c.personas.length} personas, ${c.modelGroups.length} model groups`,
    )
  }

  return {
    /** Applies the file once; throws a ConfigError naming file, line and field when it cannot. */
    applyAtStart: apply,
    /** Applies the file again; a bad file is logged and the running config kept. Returns whether it is in force. */
    reload(): boolean {
      try {
        apply()
        return true
      } catch (err) {
        const message = (err as Error).message
        status = { ...status, valid: false, error: message }
        log(`${file} was not applied; the running config is kept:\n${message}`)
        return false
      }
    },
    /** Starts watching the file for saves. */
    watch(): void {
      watcher ??= watchConfigFile(file, () => this.reload(), options.watch)
    },
    status: (): ConfigStatus => status,
    close(): void {
      watcher?.close()
      watcher = undefined
    },
  }
}

export type ConfigService = ReturnType<typeof createConfigService>
