import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { toErrorBody } from '../shared/errors.ts'
import { EVENT_CHANNEL, type IpcResult } from '../shared/ipc.ts'
import { operationNames } from '../shared/operation-names.ts'
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

/** True when the call comes from the top frame of one of the app's own windows (not an iframe). */
export function isOwnSender(event: IpcMainInvokeEvent, own: WebContents[]): boolean {
  if (!own.includes(event.sender)) return false
  return event.senderFrame !== null && event.senderFrame === event.sender.mainFrame
}

/**
 * Serves every contract operation to the app's own windows and pushes core events to them.
 * Inputs are validated by callOperation against the contract's schema before any handler runs.
 */
export function wireIpc(
  core: Pick<Core, 'handlers' | 'events'>,
  ownWindows: () => WebContents[],
): () => void {
  for (const name of operationNames) {
    ipcMain.handle(name, async (event, input: unknown): Promise<IpcResult> => {
      if (!isOwnSender(event, ownWindows())) return unknownSender
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
    for (const name of operationNames) ipcMain.removeHandler(name)
  }
}
