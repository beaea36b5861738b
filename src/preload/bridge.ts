// The renderer's view of main: one typed method per contract operation, plus event subscription.
import type { OperationInput, OperationName, OperationOutput } from '../shared/contract.ts'
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

/**
 * One method per operation, resolving to the IPC result: contextBridge keeps only the message of a
 * thrown error, so errors cross as values and the renderer rethrows them with code and field.
 */
export type BridgeApi = {
  [K in OperationName]: (input: OperationInput<K>) => Promise<IpcResult<OperationOutput<K>>>
}

export interface Bridge {
  api: BridgeApi
  onEvent(listener: EventListener): () => void
}

/** Builds `window.switchboard`: each operation invokes its own channel; no generic invoke. */
export function createBridge(ipc: RendererIpc): Bridge {
  const api = Object.fromEntries(
    operationNames.map((name) => [
      name,
      (input: unknown) => ipc.invoke(name, input ?? {}) as Promise<IpcResult>,
    ]),
  ) as unknown as BridgeApi

  function onEvent(listener: EventListener): () => void {
    const wrapped = (_event: unknown, ...args: unknown[]) =>
      listener(args[0] as EventName, args[1] as EventMap[EventName])
    ipc.on(EVENT_CHANNEL, wrapped)
    return () => void ipc.off(EVENT_CHANNEL, wrapped)
  }

  return { api, onEvent }
}
