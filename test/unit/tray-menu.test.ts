import { describe, expect, it } from 'vitest'
import type { LocalModel } from '../../src/shared/models.ts'
import {
  buildTrayMenu,
  classifierLabel,
  endpointUrl,
  trayTooltip,
  type TrayMenuItem,
} from '../../src/main/tray-menu.ts'
import { applyTrayEvent, type TrayState } from '../../src/main/tray-state.ts'
import { trayIconFile } from '../../src/main/tray-icon.ts'

type Classifier = NonNullable<TrayState['classifier']>

const listening = {
  state: 'listening',
  host: '127.0.0.1',
  port: 8989,
  url: 'http://127.0.0.1:8989',
}
const portInUse = {
  state: 'error',
  code: 'port_in_use',
  message: 'Port 8989 on 127.0.0.1 is in use by another program.',
} as const

const embeddingReady: Classifier = {
  configuredEngine: 'embedding',
  servingEngine: 'embedding',
  cascade: true,
  activeModels: { embedding: 'bge', generative: null },
  runtime: { embedding: { state: 'ready', path: '/m/bge.gguf' }, generative: { state: 'empty' } },
  hint: null,
}

function state(patch: Partial<TrayState> = {}): TrayState {
  return {
    workspaces: [
      { name: 'default', active: false },
      { name: 'backend', active: true },
    ],
    server: listening as TrayState['server'],
    port: 8989,
    suggestedPort: null,
    classifier: embeddingReady,
    models: {
      bge: { name: 'BGE small', status: { state: 'ready', path: '/m/bge.gguf', sizeBytes: 1 } },
    },
    ...patch,
  }
}

const labels = (items: TrayMenuItem[]) => items.map((i) => i.label ?? '---')
const byLabel = (items: TrayMenuItem[], label: string) => items.find((i) => i.label === label)

describe('tray menu', () => {
  it('lists the workspaces as radio items, the active one checked, a click activates', () => {
    const radios = buildTrayMenu(state()).filter((i) => i.type === 'radio')
    expect(radios).toEqual([
      {
        type: 'radio',
        label: 'default',
        checked: false,
        action: { type: 'activateWorkspace', name: 'default' },
      },
      {
        type: 'radio',
        label: 'backend',
        checked: true,
        action: { type: 'activateWorkspace', name: 'backend' },
      },
    ])
  })

  it('shows the endpoint URL with a Copy item while listening', () => {
    const menu = buildTrayMenu(state())
    expect(labels(menu)).toContain('Proxy: listening on port 8989')
    expect(byLabel(menu, 'http://localhost:8989/v1/mux')).toMatchObject({ enabled: false })
    expect(byLabel(menu, 'Copy endpoint URL')?.action).toEqual({
      type: 'copyEndpoint',
      url: 'http://localhost:8989/v1/mux',
    })
  })

  it('says the port is in use and offers a free one and a retry', () => {
    const waiting = buildTrayMenu(state({ server: portInUse }))
    expect(labels(waiting)).toContain('Proxy: port 8989 is in use')
    expect(labels(waiting).some((l) => l.startsWith('Use port'))).toBe(false)
    expect(byLabel(waiting, 'Try port 8989 again')?.action).toEqual({ type: 'retryListen' })

    const offered = buildTrayMenu(state({ server: portInUse, suggestedPort: 8990 }))
    expect(byLabel(offered, 'Use port 8990 instead')?.action).toEqual({
      type: 'usePort',
      port: 8990,
    })
    expect(labels(offered).some((l) => l.includes('/v1/mux'))).toBe(false)
  })

  it('shows other proxy errors shortened, and a stopped proxy, each with a way to retry', () => {
    const message = `Could not listen on 127.0.0.1:8989: ${'x'.repeat(100)}`
    const error = buildTrayMenu(state({ server: { state: 'error', code: 'other', message } }))
    const line = labels(error).find((l) => l.startsWith('Proxy error:'))!
    expect(line.length).toBeLessThanOrEqual(75)
    expect(byLabel(error, 'Try again')?.action).toEqual({ type: 'retryListen' })
    const stopped = buildTrayMenu(state({ server: { state: 'stopped' } }))
    expect(byLabel(stopped, 'Start proxy')?.action).toEqual({ type: 'retryListen' })
  })

  it('ends with Open Switchboard and Quit, whatever the state', () => {
    for (const s of [state(), state({ server: portInUse, workspaces: [], classifier: null })]) {
      const menu = buildTrayMenu(s)
      expect(menu.slice(-2).map((i) => i.action)).toEqual([
        { type: 'openWindow' },
        { type: 'quit' },
      ])
    }
  })

  it('names the classifier model and its status', () => {
    const with_ = (classifier: Classifier | null, models: TrayState['models'] = state().models) =>
      classifierLabel(state({ classifier, models }))
    expect(with_(null)).toBe('Classifier: starting…')
    expect(
      with_({ ...embeddingReady, configuredEngine: 'lexical', servingEngine: 'lexical' }),
    ).toBe('Classifier: built-in lexical')
    expect(with_(embeddingReady)).toBe('Classifier: BGE small — ready')
    const loading: Classifier = {
      ...embeddingReady,
      servingEngine: 'lexical',
      runtime: {
        ...embeddingReady.runtime,
        embedding: { state: 'loading', progress: 0.4, path: 'x' },
      },
    }
    expect(with_(loading)).toBe('Classifier: BGE small — loading 40%')
    const empty: Classifier = {
      ...loading,
      runtime: { ...embeddingReady.runtime, embedding: { state: 'empty' } },
    }
    const downloading = {
      bge: {
        name: 'BGE small',
        status: {
          state: 'downloading' as const,
          receivedBytes: 25,
          totalBytes: 100,
          bytesPerSecond: 1,
          etaSeconds: 75,
        },
      },
    }
    expect(with_(empty, downloading)).toBe('Classifier: BGE small — downloading 25%')
    expect(with_({ ...empty, activeModels: { embedding: null, generative: null } })).toBe(
      'Classifier: no embedding model (lexical meanwhile)',
    )
    expect(labels(buildTrayMenu(state()))).toContain('Classifier: BGE small — ready')
  })

  it('gives a tooltip naming the active workspace and any proxy problem', () => {
    expect(trayTooltip(state())).toBe('Switchboard — workspace: backend')
    expect(trayTooltip(state({ server: portInUse }))).toBe(
      'Switchboard — workspace: backend (port 8989 in use)',
    )
  })

  it('writes the endpoint with localhost for loopback and brackets IPv6 addresses', () => {
    expect(endpointUrl({ state: 'stopped' })).toBeNull()
    const on = (host: string) => endpointUrl({ state: 'listening', host, port: 1234, url: '' })
    expect(on('::1')).toBe('http://localhost:1234/v1/mux')
    expect(on('192.168.1.5')).toBe('http://192.168.1.5:1234/v1/mux')
    expect(on('fd00::1')).toBe('http://[fd00::1]:1234/v1/mux')
  })
})

describe('tray state from core events', () => {
  it('moves the radio check on workspaceActivated, whoever activated', () => {
    const next = applyTrayEvent(state(), 'workspaceActivated', { name: 'default' })
    expect(next.workspaces).toEqual([
      { name: 'default', active: true },
      { name: 'backend', active: false },
    ])
    expect(trayTooltip(next)).toBe('Switchboard — workspace: default')
  })

  it('follows workspacesChanged, serverStatusChanged, classifier and model events', () => {
    let s = applyTrayEvent(state(), 'workspacesChanged', {
      workspaces: [
        { id: '1', name: 'solo', active: true, createdAt: '', updatedAt: '', ruleCount: 0 },
      ],
    })
    expect(s.workspaces).toEqual([{ name: 'solo', active: true }])
    s = applyTrayEvent({ ...s, suggestedPort: 8990 }, 'serverStatusChanged', listening as never)
    expect(s.suggestedPort).toBeNull()
    s = applyTrayEvent(s, 'classifierChanged', { ...embeddingReady, configuredEngine: 'lexical' })
    expect(s.classifier?.configuredEngine).toBe('lexical')
    const model = { id: 'mini', name: 'Mini', status: { state: 'missing', partialBytes: 0 } }
    s = applyTrayEvent(s, 'modelChanged', model as LocalModel)
    expect(s.models.mini).toEqual({ name: 'Mini', status: model.status })
    s = applyTrayEvent(s, 'modelRemoved', { id: 'mini' })
    expect(s.models.mini).toBeUndefined()
  })

  it('returns the same state for events the tray does not show, so nothing is rebuilt', () => {
    const s = state()
    expect(applyTrayEvent(s, 'personasChanged', { personas: [] })).toBe(s)
  })
})

describe('tray icon', () => {
  it('uses a template image on macOS and a theme-matched glyph elsewhere', () => {
    expect(trayIconFile('darwin', true)).toBe('trayTemplate.png')
    expect(trayIconFile('darwin', false)).toBe('trayTemplate.png')
    expect(trayIconFile('linux', true)).toBe('tray-light.png')
    expect(trayIconFile('win32', false)).toBe('tray-dark.png')
  })
})
