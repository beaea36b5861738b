import type { Api } from '../../../shared/contract.ts'
import type { IpcResult } from '../../../shared/ipc.ts'
import { ApiError, type EventListener, type Transport } from './types.ts'

interface Bridge {
  api: Record<string, (input: unknown) => Promise<IpcResult>>
  onEvent(listener: EventListener): () => void
}

/** The desktop host: the preload's `window.switchboard`, or null in a plain browser. */
export function ipcTransport(): Transport | null {
  const bridge = (globalThis as unknown as { switchboard?: Bridge }).switchboard
  if (!bridge) return null
  // Errors arrive as values (contextBridge would drop their code and field); rethrow them whole.
  const api = Object.fromEntries(
    Object.entries(bridge.api).map(([name, call]) => [
      name,
      async (input: unknown) => {
        const result = await call(input)
        if (result.ok) return result.value
        const { message, code, param, details } = result.error
        throw new ApiError(message, code, param, details)
      },
    ]),
  ) as unknown as Api
  return {
    kind: 'ipc',
    api,
    onEvent: (listener) => bridge.onEvent(listener),
    onLink(listener) {
      listener('open')
      return () => {}
    },
    close() {},
  }
}
