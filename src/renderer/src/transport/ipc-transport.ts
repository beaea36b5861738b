import type { Api } from '../../../shared/contract.ts'
import type { EventListener, Transport } from './types.ts'

interface Bridge {
  api: Api
  onEvent(listener: EventListener): () => void
}

/** The desktop host: the preload's `window.switchboard`, or null in a plain browser. */
export function ipcTransport(): Transport | null {
  const bridge = (globalThis as unknown as { switchboard?: Bridge }).switchboard
  if (!bridge) return null
  return {
    kind: 'ipc',
    api: bridge.api,
    onEvent: (listener) => bridge.onEvent(listener),
    onLink(listener) {
      listener('open')
      return () => {}
    },
    close() {},
  }
}
