// Exposes exactly the contract to the renderer: one typed method per operation, plus events.
import { contextBridge, ipcRenderer } from 'electron'
import { contract, type Api } from '../shared/contract.ts'
import type { EventMap, EventName } from '../shared/events.ts'
import { EVENT_CHANNEL, type IpcResult } from '../shared/ipc.ts'

const api = Object.fromEntries(
  Object.keys(contract).map((name) => [
    name,
    async (input: unknown) => {
      const result = (await ipcRenderer.invoke(name, input ?? {})) as IpcResult
      if (result.ok) return result.value
      throw Object.assign(new Error(result.error.message), result.error)
    },
  ]),
) as unknown as Api

function onEvent(
  listener: <E extends EventName>(event: E, payload: EventMap[E]) => void,
): () => void {
  const wrapped = (_e: Electron.IpcRendererEvent, event: EventName, payload: EventMap[EventName]) =>
    listener(event, payload)
  ipcRenderer.on(EVENT_CHANNEL, wrapped)
  return () => ipcRenderer.off(EVENT_CHANNEL, wrapped)
}

contextBridge.exposeInMainWorld('switchboard', { api, onEvent })
