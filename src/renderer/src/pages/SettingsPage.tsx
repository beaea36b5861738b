import type { Settings } from '../../../shared/schemas.ts'
import { AdminTokenPanel } from '../components/AdminTokenPanel.tsx'
import { BindAddressField } from '../components/BindAddressField.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { KeepBodiesSetting } from '../components/KeepBodiesSetting.tsx'
import { NumberField } from '../components/NumberField.tsx'
import { PageHead } from '../components/PageHead.tsx'
import { PriceOverridesEditor } from '../components/PriceOverridesEditor.tsx'
import { SAVE_AFTER_TYPING_MS } from '../lib/use-draft-field.ts'
import { saveStateText } from '../lib/save-state.ts'
import { useSettingsSave } from '../lib/use-settings-save.ts'
import { useProviders } from '../stores/providers.ts'
import { useSession } from '../stores/session.ts'
import { useSettings } from '../stores/settings.ts'
import { useStatus } from '../stores/status.ts'

type NumberKey = {
  [K in keyof Settings]: Settings[K] extends number ? K : never
}[keyof Settings]

const timeouts: { key: NumberKey; label: string; hint: string }[] = [
  {
    key: 'upstreamConnectTimeoutMs',
    label: 'Connect timeout (ms)',
    hint: 'How long to wait for a provider to accept the connection before trying a fallback.',
  },
  {
    key: 'upstreamFirstByteTimeoutMs',
    label: 'First byte timeout (ms)',
    hint: 'How long a provider may think before its first byte; large models need more.',
  },
  {
    key: 'discoveryTimeoutMs',
    label: 'Model discovery timeout (ms)',
    hint: 'For testing a provider and refreshing its models.',
  },
]

export function SettingsPage() {
  const settings = useSettings((s) => s.settings)
  const status = useStatus((s) => s.status)
  const host = useSession((s) => s.host)
  const providers = useProviders((s) => s.providers)
  const saver = useSettingsSave()
  if (!settings) return <p className="muted">Loading…</p>
  const set = (patch: Partial<Settings>) => void saver.save(patch)
  const err = saver.error
  // Text and number fields: saved when typing pauses, on blur or Enter; their errors clear on edit.
  // Port and bind address move the proxy, so they wait for blur or Enter: "90" of "9000" is no port.
  const typed = (key: keyof Settings, moves = false) => ({
    debounceMs: moves ? 0 : SAVE_AFTER_TYPING_MS,
    onEdit: () => saver.editing(key),
  })
  const desktopOnly = host === 'http' ? 'Applies to the desktop app.' : undefined
  const server = status?.server
  // Started with --port (or moved since): say where it listens, not only what the setting says.
  const elsewhere =
    server?.state === 'listening' && server.port !== settings.port ? server.port : null
  const stateText = saveStateText(saver.state)
  return (
    <div className="page">
      <PageHead
        title="Settings"
        description="Changes save as you make them."
        actions={
          <span
            className={`save-state ${saver.state.phase}`}
            role="status"
            aria-live="polite"
            data-testid="settings-save-state"
          >
            {stateText}
          </span>
        }
      />
      <section className="panel" aria-labelledby="proxy-title">
        <h2 id="proxy-title">Proxy</h2>
        <dl className="facts">
          <dt>Listening on</dt>
          <dd className="mono">{server?.state === 'listening' ? server.url : server?.state}</dd>
          <dt>Data directory</dt>
          <dd className="mono">{status?.dataDir}</dd>
        </dl>
        <div className="grid-2">
          <NumberField
            label="Port"
            hint={
              elsewhere !== null
                ? `The proxy listens on :${elsewhere} now (the port it was started with); this setting applies when it starts without --port.`
                : host === 'http'
                  ? 'The desktop app moves the proxy at once; the headless server keeps its --port.'
                  : 'The proxy moves to the new port at once; update your clients.'
            }
            value={settings.port}
            min={1}
            max={65535}
            error={err('port')}
            {...typed('port', true)}
            onCommit={(v) => set({ port: v })}
          />
          <BindAddressField
            value={settings.bindAddress}
            error={err('bindAddress')}
            {...typed('bindAddress', true)}
            hint={
              host === 'http'
                ? 'The headless server uses it at its next start (with --allow-remote), unless started with --host.'
                : 'The proxy moves to it at once.'
            }
            onCommit={(v) => set({ bindAddress: v })}
          />
          <div className="stack">
            <label className="check">
              <input
                type="checkbox"
                name="allowRemote"
                checked={settings.allowRemote}
                onChange={(e) => set({ allowRemote: e.target.checked })}
              />
              Allow other machines to reach the proxy (needed for a bind address other than
              127.0.0.1)
            </label>
            <ErrorNote error={err('allowRemote')} />
          </div>
          {timeouts.map((t) => (
            <NumberField
              key={t.key}
              label={t.label}
              hint={t.hint}
              value={settings[t.key]}
              min={100}
              error={err(t.key)}
              {...typed(t.key)}
              onCommit={(v) => set({ [t.key]: v })}
            />
          ))}
          <NumberField
            label="Request log: keep at most (rows)"
            hint="Older requests are deleted past this."
            value={settings.requestLogMaxRows}
            min={100}
            error={err('requestLogMaxRows')}
            {...typed('requestLogMaxRows')}
            onCommit={(v) => set({ requestLogMaxRows: v })}
          />
          <KeepBodiesSetting
            settings={settings}
            error={err('keepRequestBodiesDays')}
            onCommit={(v) => set({ keepRequestBodiesDays: v })}
          />
        </div>
      </section>
      <section className="panel" aria-labelledby="prices-title">
        <h2 id="prices-title">Prices</h2>
        <p className="muted small">
          Your own prices (a negotiated rate, a self-hosted endpoint), in USD per million tokens,
          win over the built-in table for costs and spend caps. Model takes a name or a glob such as
          gpt-4o*; the first row that matches applies.
        </p>
        <PriceOverridesEditor
          overrides={settings.priceOverrides}
          providers={providers}
          error={err('priceOverrides')}
          onEdit={() => saver.editing('priceOverrides')}
          onSave={(priceOverrides) => set({ priceOverrides })}
        />
      </section>
      <section className="panel" aria-labelledby="app-title">
        <h2 id="app-title">App</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            onChange={(e) => set({ startAtLogin: e.target.checked })}
          />
          Start Switchboard at login
          {desktopOnly && <span className="muted small">({desktopOnly})</span>}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.notifyOnWorkspaceSwitch}
            onChange={(e) => set({ notifyOnWorkspaceSwitch: e.target.checked })}
          />
          Show a notification when the active workspace changes
          {desktopOnly && <span className="muted small">({desktopOnly})</span>}
        </label>
      </section>
      <ErrorNote
        error={saver.state.phase === 'error' && !saver.state.key ? saver.state.message : null}
      />
      <AdminTokenPanel />
      <p className="muted small">
        Classifier engine, cascade and thresholds are on the Classifier models page.
      </p>
    </div>
  )
}
