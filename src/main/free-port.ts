import { createServer } from 'node:net'

/** Whether `port` on `host` can be listened on right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, host, () => probe.close(() => resolve(true)))
  })
}

/** The first free port from `from` upward (a few tries), to offer when the configured one is taken. */
export async function findFreePort(
  from: number,
  host = '127.0.0.1',
  tries = 20,
): Promise<number | null> {
  for (let port = from; port < from + tries && port <= 65535; port++) {
    if (await isPortFree(port, host)) return port
  }
  return null
}
