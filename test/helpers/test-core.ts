import { createCore, type Core, type CoreOptions } from '../../src/main/core/core.ts'
import { makeTempDir } from './temp-dir.ts'

export interface TestCore {
  core: Core
  dataDir: string
  /** http://127.0.0.1:PORT */
  url: string
  /** fetch against the management API with the admin token. */
  api(path: string, init?: RequestInit): Promise<Response>
  /** Closes the core; `keepData` leaves the data dir for a restart. */
  close(options?: { keepData?: boolean }): Promise<void>
}

/** A real core on a temp data dir, listening on 127.0.0.1 with a free port. */
export async function startTestCore(options: Partial<CoreOptions> = {}): Promise<TestCore> {
  const temp = options.dataDir ? { dir: options.dataDir, cleanup: () => {} } : makeTempDir()
  const core = createCore({ port: 0, ...options, dataDir: temp.dir })
  const status = await core.start()
  if (status.state !== 'listening') throw new Error(`core did not start: ${JSON.stringify(status)}`)
  const url = status.url
  return {
    core,
    dataDir: temp.dir,
    url,
    api: (path, init = {}) =>
      fetch(url + '/api/v1' + path, {
        ...init,
        headers: {
          authorization: `Bearer ${core.adminToken}`,
          'content-type': 'application/json',
          ...init.headers,
        },
      }),
    async close({ keepData = false } = {}) {
      await core.close()
      if (!keepData) temp.cleanup()
    },
  }
}
