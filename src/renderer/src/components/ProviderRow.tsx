import type { Provider } from '../../../shared/schemas.ts'
import { formatAgo } from '../lib/format.ts'
import { useAction } from '../lib/use-action.ts'
import { useProviders } from '../stores/providers.ts'
import { Badge } from './Badge.tsx'
import { EditDeleteButtons, ManagedBadge } from './ManagedBadge.tsx'

const MAX_SHOWN = 8

interface Props {
  provider: Provider
  onEdit(): void
  onDelete(): void
}

/** A refused key is not an unreachable server: the badge says which (the core's message says more). */
function statusLabel(p: Provider): string {
  if (p.status === 'ok') return 'Connected'
  if (p.status === 'unknown') return 'Not checked'
  return /answered 40[13]\b/.test(p.statusError ?? '') ? 'Key refused' : 'Unreachable'
}

export function ProviderRow({ provider: p, onEdit, onDelete }: Props) {
  const kinds = useProviders((s) => s.kinds)
  const refresh = useAction(useProviders((s) => s.refresh))
  const kind = kinds.find((k) => k.kind === p.kind)
  const tone = p.status === 'ok' ? 'ok' : p.status === 'error' ? 'err' : 'neutral'
  return (
    <li className="list-item" aria-label={p.name}>
      <div className="grow stack">
        <div className="row">
          <strong>{p.name}</strong>
          <span className="muted mono small">{p.id}</span>
          <Badge tone={tone} title={p.checkedAt ? `checked ${formatAgo(p.checkedAt)}` : undefined}>
            {statusLabel(p)}
          </Badge>
          <ManagedBadge file={p.managedBy} />
        </div>
        {p.description && <p className="provider-description small">{p.description}</p>}
        <div className="muted small truncate">
          {kind?.label ?? p.kind} · <span className="mono">{p.endpoint}</span>
          {p.apiKeyHint && <> · key {p.apiKeyHint}</>} · {p.models.length}{' '}
          {p.models.length === 1 ? 'model' : 'models'}
          {p.modelsRefreshedAt && <> · refreshed {formatAgo(p.modelsRefreshedAt)}</>}
        </div>
        {p.models.length > 0 && (
          <div className="chips" aria-label={`Models of ${p.name}`}>
            {p.models.slice(0, MAX_SHOWN).map((m) => (
              <span className="chip plain" key={m.id}>
                {m.id}
              </span>
            ))}
            {p.models.length > MAX_SHOWN && (
              <span className="muted small">+{p.models.length - MAX_SHOWN} more</span>
            )}
          </div>
        )}
        {p.status === 'error' && p.statusError && (
          <div className="field-error">{p.statusError}</div>
        )}
        {refresh.error && (
          <div className="field-error" role="alert">
            {refresh.error}
          </div>
        )}
      </div>
      <div className="row">
        <button type="button" onClick={() => void refresh.run(p.id)} disabled={refresh.pending}>
          {refresh.pending ? 'Refreshing…' : 'Refresh models'}
        </button>
        <EditDeleteButtons managedBy={p.managedBy} onEdit={onEdit} onDelete={onDelete} />
      </div>
    </li>
  )
}
