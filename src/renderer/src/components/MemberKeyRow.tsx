import { useState } from 'react'
import type { MemberKey, MemberKeyUsage } from '../../../shared/member-keys.ts'
import { api } from '../api.ts'
import { formatAgo } from '../lib/format.ts'
import { useAction } from '../lib/use-action.ts'
import { Badge } from './Badge.tsx'
import { ErrorNote } from './ErrorNote.tsx'

interface Props {
  memberKey: MemberKey
  onRevoke(): void
}

const usd = (n: number) => `$${n < 1 ? n.toPrecision(2) : n.toFixed(2)}`

/** One member key: what it may do, its usage on request, and Revoke. */
export function MemberKeyRow({ memberKey: k, onRevoke }: Props) {
  const [usage, setUsage] = useState<MemberKeyUsage | null>(null)
  const load = useAction(async () => setUsage(await api().getMemberKeyUsage({ id: k.id })))
  return (
    <li className="list-item" aria-label={k.name}>
      <div className="grow stack">
        <div className="row">
          <strong>{k.name}</strong>
          <span className="muted mono small">{k.hint}</span>
          {k.revokedAt ? <Badge tone="err">Revoked</Badge> : <Badge tone="ok">Active</Badge>}
        </div>
        <div className="muted small">
          {k.workspace ? `pinned to ${k.workspace}` : 'any workspace'} ·{' '}
          {k.dailyCapUsd === null ? 'no daily cap' : `cap ${usd(k.dailyCapUsd)} a day (UTC)`} ·
          created {formatAgo(k.createdAt)}
        </div>
        {usage && (
          <table className="small" aria-label={`Usage of ${k.name}`}>
            <thead>
              <tr>
                <th />
                <th>Requests</th>
                <th>Tokens in</th>
                <th>Tokens out</th>
                <th>Cost</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['Today (UTC)', usage.today],
                  ['Last 30 days', usage.last30Days],
                ] as const
              ).map(([label, t]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{t.requests}</td>
                  <td>{t.tokensIn}</td>
                  <td>{t.tokensOut}</td>
                  <td>
                    {usd(t.costUsd)}
                    {t.unpricedRequests > 0 && ` (+${t.unpricedRequests} unpriced)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ErrorNote error={load.error} />
      </div>
      <div className="row">
        <button type="button" onClick={() => void load.run()} disabled={load.pending}>
          {usage ? 'Refresh usage' : 'Usage'}
        </button>
        {!k.revokedAt && (
          <button type="button" className="danger" onClick={onRevoke}>
            Revoke
          </button>
        )}
      </div>
    </li>
  )
}
