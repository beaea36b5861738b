import { ipcMain, type WebContents } from 'electron'
import { contract } from '../shared/contract.ts'
import { toErrorBody } from '../shared/errors.ts'
import { EVENT_CHANNEL, type IpcResult } from '../shared/ipc.ts'
import { callOperation } from './core/api/call-operation.ts'
import type { Core } from './core/core.ts'
import { toSwitchboardError } from './core/mux/send.ts'

const unknownSender: IpcResult = {
  ok: false,
  error: {
    message: 'Unknown sender.',
    type: 'authentication_error',
    code: 'forbidden',
    param: null,
  },
}

/** Serves every contract operation to the app's own windows and pushes core events to them. */
export function wireIpc(core: Core, ownWindows: () => WebContents[]): () => void {
  for (const name of Object.keys(contract)) {
    ipcMain.handle(name, async (event, input: unknown): Promise<IpcResult> => {
      if (!ownWindows().includes(event.sender)) return unknownSender
      try {
        return { ok: true, value: await callOperation(core.handlers, name, input) }
      } catch (err) {
        return { ok: false, error: toErrorBody(toSwitchboardError(err)).error }
      }
    })
  }
  const unsubscribe = core.events.onAny((event, payload) => {
    for (const wc of ownWindows()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event, payload)
  })
  return () => {
    unsubscribe()
    for (const name of Object.keys(contract)) ipcMain.removeHandler(name)
  }
}
