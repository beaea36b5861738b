import type { RequestLogEntry } from '../../../shared/activity.ts'
import { formatMs, formatTime } from '../lib/format.ts'
import { Badge } from './Badge.tsx'

interface Props {
  requests: RequestLogEntry[]
}

/** A compact table of requests: when, from whom, where they went and why. */
export function RecentRequests({ requests }: Props) {
  return (
    <table>
      <thead>
        <tr>
          <th>Time</th>
          <th>Client</th>
          <th>Went to</th>
          <th>Rule</th>
          <th className="num">Latency</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <td className="muted">{formatTime(r.at)}</td>
            <td>{r.client}</td>
            <td className="mono">{r.provider ? `${r.provider}/${r.model}` : '—'}</td>
            <td className="truncate" title={r.why ?? undefined}>
              {r.rule ?? r.why ?? '—'}
            </td>
            <td className="num">{formatMs(r.latencyMs)}</td>
            <td>
              <Badge tone={r.status < 400 ? 'ok' : 'err'} title={r.error ?? undefined}>
                {r.status}
              </Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
