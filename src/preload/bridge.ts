// The renderer's view of main: one typed method per contract operation, plus event subscription.
import type { Api } from '../shared/contract.ts'
import type { EventMap, EventName } from '../shared/events.ts'
import { EVENT_CHANNEL, type IpcResult } from '../shared/ipc.ts'
import { operationNames } from '../shared/operation-names.ts'

type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void

/** The part of ipcRenderer the bridge uses; kept narrow so the page can never reach the rest. */
export interface RendererIpc {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  off(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

export interface Bridge {
  api: Api
  onEvent(listener: EventListener): () => void
}

/** Builds `window.switchboard`: each operation invokes its own channel; no generic invoke. */
export function createBridge(ipc: RendererIpc): Bridge {
  const api = Object.fromEntries(
    operationNames.map((name) => [
      name,
      async (input: unknown) => {
        const result = (await ipc.invoke(name, input ?? {})) as IpcResult
        if (result.ok) return result.value
        // code and param ride along for callers in this context; the message alone says what to do.
        throw Object.assign(new Error(result.error.message), result.error)
      },
    ]),
  ) as unknown as Api

  function onEvent(listener: EventListener): () => void {
    const wrapped = (_event: unknown, ...args: unknown[]) =>
      listener(args[0] as EventName, args[1] as EventMap[EventName])
    ipc.on(EVENT_CHANNEL, wrapped)
    return () => void ipc.off(EVENT_CHANNEL, wrapped)
  }

  return { api, onEvent }
}
