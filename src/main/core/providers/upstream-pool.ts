import { Agent } from 'undici'

/** The keep-alive connection pool for upstream calls; rebuilt when the connect timeout setting changes. */
export function createUpstreamPool(connectTimeoutMs: () => number) {
  let timeout = connectTimeoutMs()
  let agent = new Agent({
    connect: { timeout },
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
  })
  return {
    get(): Agent {
      if (connectTimeoutMs() !== timeout) {
        const old = agent
        timeout = connectTimeoutMs()
        agent = new Agent({
          connect: { timeout },
          keepAliveTimeout: 30_000,
          keepAliveMaxTimeout: 600_000,
        })
        void old.close()
      }
      return agent
    },
    close: () => agent.close(),
  }
}
