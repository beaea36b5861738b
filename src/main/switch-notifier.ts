import { Notification } from 'electron'
import type { Core } from './core/core.ts'

/** A native notification when the active workspace changes, if the user asked for one. */
export function notifyOnWorkspaceSwitch(core: Pick<Core, 'events' | 'settings'>): () => void {
  return core.events.onAny((event, payload) => {
    if (event !== 'workspaceActivated' || !core.settings.get().notifyOnWorkspaceSwitch) return
    if (!Notification.isSupported()) return
    const { name } = payload as { name: string }
    new Notification({ title: 'Switchboard', body: `Workspace: ${name}`, silent: true }).show()
  })
}
