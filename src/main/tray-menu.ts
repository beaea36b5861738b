// The tray's menu and tooltip as pure functions of TrayState; tray.ts turns them into Electron's.
import type { ServerStatus } from '../shared/schemas.ts'
import type { TrayState } from './tray-state.ts'

export type TrayAction =
  | { type: 'activateWorkspace'; name: string }
  | { type: 'copyEndpoint'; url: string }
  | { type: 'usePort'; port: number }
  | { type: 'retryListen' }
  | { type: 'openWindow' }
  | { type: 'quit' }

export interface TrayMenuItem {
  type: 'normal' | 'separator' | 'radio'
  label?: string
  checked?: boolean
  enabled?: boolean
  action?: TrayAction
}

const separator: TrayMenuItem = { type: 'separator' }
const info = (label: string): TrayMenuItem => ({ type: 'normal', label, enabled: false })
const command = (label: string, action: TrayAction): TrayMenuItem => ({
  type: 'normal',
  label,
  action,
})

/** The URL IDEs use: `localhost` reads better than 127.0.0.1 and is what the docs show. */
export function endpointUrl(server: ServerStatus): string | null {
  if (server.state !== 'listening') return null
  const host = ['127.0.0.1', '::1', 'localhost'].includes(server.host) ? 'localhost' : server.host
  const shown = host.includes(':') ? `[${host}]` : host
  return `http://${shown}:${server.port}/v1/mux`
}

/** One line about the proxy, and what the user can do about it. */
function proxyItems(state: TrayState): TrayMenuItem[] {
  const { server, port, suggestedPort } = state
  if (server.state === 'listening') {
    const url = endpointUrl(server)!
    return [
      info(`Proxy: listening on port ${server.port}`),
      info(url),
      command('Copy endpoint URL', { type: 'copyEndpoint', url }),
    ]
  }
  if (server.state === 'stopped')
    return [info('Proxy: stopped'), command('Start proxy', { type: 'retryListen' })]
  if (server.code === 'port_in_use') {
    const offer = suggestedPort
      ? [command(`Use port ${suggestedPort} instead`, { type: 'usePort', port: suggestedPort })]
      : []
    return [
      info(`Proxy: port ${port} is in use`),
      ...offer,
      command(`Try port ${port} again`, { type: 'retryListen' }),
    ]
  }
  return [
    info(`Proxy error: ${shorten(server.message)}`),
    command('Try again', { type: 'retryListen' }),
  ]
}

/** The classifier that answers now: its model's name and whether it is ready. */
export function classifierLabel(state: TrayState): string {
  const c = state.classifier
  if (!c) return 'Classifier: starting…'
  if (c.configuredEngine === 'lexical') return 'Classifier: built-in lexical'
  const engine = c.configuredEngine
  const id = c.activeModels[engine]
  if (!id) return `Classifier: no ${engine} model (lexical meanwhile)`
  const model = state.models[id]
  const name = model?.name ?? id
  const slot = c.runtime[engine]
  if (slot.state === 'ready') return `Classifier: ${name} — ready`
  if (slot.state === 'loading') return `Classifier: ${name} — loading ${percent(slot.progress)}`
  if (slot.state === 'error') return `Classifier: ${name} — error (lexical meanwhile)`
  const status = model?.status
  if (status?.state === 'downloading') {
    const done = status.totalBytes ? ` ${percent(status.receivedBytes / status.totalBytes)}` : ''
    return `Classifier: ${name} — downloading${done}`
  }
  if (status?.state === 'missing') return `Classifier: ${name} — not downloaded (lexical meanwhile)`
  return `Classifier: ${name} — waiting (lexical meanwhile)`
}

/** The whole tray menu, rebuilt whenever the state changes. */
export function buildTrayMenu(state: TrayState): TrayMenuItem[] {
  const workspaces: TrayMenuItem[] = state.workspaces.map((w) => ({
    type: 'radio',
    label: w.name,
    checked: w.active,
    action: { type: 'activateWorkspace', name: w.name },
  }))
  return [
    info('Workspace'),
    ...workspaces,
    separator,
    ...proxyItems(state),
    separator,
    info(classifierLabel(state)),
    separator,
    command('Open Switchboard', { type: 'openWindow' }),
    command('Quit Switchboard', { type: 'quit' }),
  ]
}

/** The tray icon's tooltip: the active workspace, and the proxy when it is not serving. */
export function trayTooltip(state: TrayState): string {
  const active = state.workspaces.find((w) => w.active)?.name ?? '—'
  const server = state.server
  const problem =
    server.state === 'listening'
      ? ''
      : server.state === 'stopped'
        ? ' (proxy stopped)'
        : server.code === 'port_in_use'
          ? ` (port ${state.port} in use)`
          : ' (proxy error)'
  return `Switchboard — workspace: ${active}${problem}`
}

function percent(fraction: number): string {
  return `${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%`
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
