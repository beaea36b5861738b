import type { LocalModel } from '../../../shared/models.ts'
import { formatBytes, formatDuration } from '../lib/format.ts'
import { useAction } from '../lib/use-action.ts'
import { useModels } from '../stores/models.ts'
import { Badge } from './Badge.tsx'
import { ErrorNote } from './ErrorNote.tsx'
import { ManualDownload } from './ManualDownload.tsx'
import { ProgressBar } from './ProgressBar.tsx'

/** One classifier model: facts, status, and the one or two actions that fit its state. */
export function ModelCard({ model: m }: { model: LocalModel }) {
  const { download, cancel, remove, setActive } = useModels()
  const act = useAction(async (fn: () => Promise<unknown>) => fn())
  const s = m.status
  return (
    <article className={`card ${m.active ? 'active' : ''}`} aria-label={m.name}>
      <div className="row">
        <h3 className="grow">{m.name}</h3>
        {m.active && <Badge tone="accent">Active</Badge>}
        {s.state === 'ready' && !m.active && <Badge tone="ok">Downloaded</Badge>}
        {s.state === 'error' && <Badge tone="err">Error</Badge>}
      </div>
      <p className="muted small">{m.description}</p>
      <dl className="facts small">
        <dt>Engine</dt>
        <dd>
          {m.engine}
          {m.default ? ' · default' : ''}
          {m.source === 'imported' ? ' · imported' : ''}
          {m.bundled ? ' · bundled' : ''}
        </dd>
        <dt>Size</dt>
        <dd>{formatBytes(m.sizeBytes)}</dd>
        <dt>RAM</dt>
        <dd>{m.ramBytes ? `≈ ${formatBytes(m.ramBytes)}` : '—'}</dd>
        <dt>Licence</dt>
        <dd>{m.licence ?? '—'}</dd>
      </dl>
      {m.source === 'catalog' && s.state !== 'ready' && !m.bundled && <ManualDownload model={m} />}

      {s.state === 'downloading' && (
        <div className="stack" data-testid="download-progress">
          <ProgressBar
            label={`Downloading ${m.name}`}
            value={s.totalBytes ? s.receivedBytes / s.totalBytes : null}
          />
          <span className="small muted">
            {formatBytes(s.receivedBytes)} of {formatBytes(s.totalBytes)} ·{' '}
            {formatBytes(s.bytesPerSecond)}/s · {formatDuration(s.etaSeconds)} left
          </span>
        </div>
      )}
      {s.state === 'loading' && <ProgressBar label={`Loading ${m.name}`} value={s.progress} />}
      {s.state === 'error' && <ErrorNote error={s.message} />}
      <ErrorNote error={act.error} />

      <div className="row">
        {s.state === 'missing' && (
          <button
            type="button"
            className="primary"
            onClick={() => void act.run(() => download(m.id))}
          >
            {s.partialBytes > 0
              ? `Resume (${formatBytes(s.partialBytes)} of ${formatBytes(m.sizeBytes)})`
              : `Download ${formatBytes(m.sizeBytes)}`}
          </button>
        )}
        {s.state === 'error' && m.source === 'catalog' && (
          <button type="button" onClick={() => void act.run(() => download(m.id))}>
            Try again
          </button>
        )}
        {s.state === 'downloading' && (
          <button type="button" onClick={() => void act.run(() => cancel(m.id))}>
            Cancel
          </button>
        )}
        {(s.state === 'ready' || s.state === 'loading') && !m.active && (
          <button type="button" onClick={() => void act.run(() => setActive(m.engine, m.id))}>
            Use for {m.engine}
          </button>
        )}
        {(s.state === 'ready' || (s.state === 'missing' && s.partialBytes > 0)) && !m.bundled && (
          <button type="button" className="danger" onClick={() => void act.run(() => remove(m.id))}>
            {s.state === 'ready' ? 'Delete file' : 'Discard partial download'}
          </button>
        )}
      </div>
    </article>
  )
}
