import { useEffect, useState } from 'react'
import { RANGE_LABELS, type RangeKey } from '../lib/time-range.ts'
import type { ActivityFilters } from '../stores/activity.ts'

interface Props {
  filters: ActivityFilters
  workspaces: string[]
  models: string[]
  onChange(patch: Partial<ActivityFilters>): void
}

const SEARCH_DELAY_MS = 250

/** Time range, search and the workspace, model and status filters of the Activity page. */
export function ActivityFilterBar({ filters, workspaces, models, onChange }: Props) {
  const [search, setSearch] = useState(filters.search)
  useEffect(() => setSearch(filters.search), [filters.search])
  // Typing searches after a pause, not on every key.
  useEffect(() => {
    if (search === filters.search) return
    const timer = setTimeout(() => onChange({ search }), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [search, filters.search, onChange])

  return (
    <div className="activity-filters" role="group" aria-label="Filters">
      <input
        type="search"
        className="activity-search"
        aria-label="Search requests"
        placeholder="Search model, provider, client, rule, file, error…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange({ search })
        }}
      />
      <select
        className="inline-select"
        aria-label="Time range"
        value={filters.range}
        onChange={(e) => onChange({ range: e.target.value as RangeKey })}
      >
        {(Object.keys(RANGE_LABELS) as RangeKey[]).map((key) => (
          <option key={key} value={key}>
            {RANGE_LABELS[key]}
          </option>
        ))}
      </select>
      {filters.range === 'custom' && (
        <>
          <input
            type="datetime-local"
            aria-label="From"
            value={filters.customFrom}
            onChange={(e) => onChange({ customFrom: e.target.value })}
          />
          <input
            type="datetime-local"
            aria-label="To"
            value={filters.customTo}
            onChange={(e) => onChange({ customTo: e.target.value })}
          />
        </>
      )}
      <select
        className="inline-select"
        aria-label="Workspace filter"
        value={filters.workspace}
        onChange={(e) => onChange({ workspace: e.target.value })}
      >
        <option value="">All workspaces</option>
        {workspaces.map((w) => (
          <option key={w} value={w}>
            {w}
          </option>
        ))}
      </select>
      <select
        className="inline-select"
        aria-label="Model filter"
        value={filters.model}
        onChange={(e) => onChange({ model: e.target.value })}
      >
        <option value="">All models</option>
        {models.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <select
        className="inline-select"
        aria-label="Status filter"
        value={filters.status}
        onChange={(e) => onChange({ status: e.target.value as ActivityFilters['status'] })}
      >
        <option value="">Any status</option>
        <option value="ok">Succeeded</option>
        <option value="error">Failed</option>
      </select>
    </div>
  )
}
