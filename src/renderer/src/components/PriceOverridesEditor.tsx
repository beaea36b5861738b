import { useEffect, useId, useRef, useState } from 'react'
import type { PriceOverride } from '../../../shared/schemas.ts'
import {
  emptyPriceRow,
  parsePriceDraft,
  PRICE_FIELDS,
  priceErrorKey,
  toPriceDraft,
  type PriceDraftRow,
  type PriceField,
} from '../lib/price-draft.ts'
import { ErrorNote } from './ErrorNote.tsx'

interface Props {
  overrides: PriceOverride[]
  providers: { id: string; name: string }[]
  /** The core's refusal of the last save. */
  error: string | null
  /** The user is changing a row: the core's old refusal no longer applies. */
  onEdit(): void
  onSave(overrides: PriceOverride[]): void
}

const MAX_ROWS = 200
const PRICE_LABELS: Record<(typeof PRICE_FIELDS)[number], string> = {
  input: 'Input',
  output: 'Output',
  cacheRead: 'Cache read',
}

/**
 * Prices that win over the built-in table, per provider and model glob, in USD per million tokens.
 * A row saves once it is complete (on blur or Enter); its problems show at the field, after it was
 * left, so a row being filled in is not flagged ahead of the user.
 */
export function PriceOverridesEditor({ overrides, providers, error, onEdit, onSave }: Props) {
  const [rows, setRows] = useState(() => overrides.map(toPriceDraft))
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const idBase = useId()
  // Edits not yet committed keep the draft when the saved list changes under it.
  const dirty = useRef(false)
  const saved = JSON.stringify(overrides)
  useEffect(() => {
    if (dirty.current) return
    setRows(overrides.map(toPriceDraft))
    setTouched(new Set())
  }, [saved]) // the saved list by value: a store update with equal overrides keeps the draft

  const check = parsePriceDraft(rows)
  const errorAt = (i: number, field: PriceField) => {
    const key = priceErrorKey(i, field)
    return !check.ok && touched.has(key) ? (check.errors[key] ?? null) : null
  }

  function commit(next: PriceDraftRow[]) {
    const parsed = parsePriceDraft(next)
    if (!parsed.ok) return
    dirty.current = false
    if (JSON.stringify(parsed.value) !== saved) onSave(parsed.value)
  }
  function edit(i: number, field: PriceField, value: string) {
    dirty.current = true
    onEdit()
    setRows(rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)))
  }
  function leave(i: number, fields: readonly PriceField[]) {
    setTouched((t) => new Set([...t, ...fields.map((f) => priceErrorKey(i, f))]))
    commit(rows)
  }
  function replace(next: PriceDraftRow[]) {
    dirty.current = true
    onEdit()
    setRows(next)
    setTouched(new Set())
    commit(next)
  }
  const add = () => {
    dirty.current = true
    setRows([...rows, emptyPriceRow(providers[0]?.id ?? '')])
  }
  const allFields = ['provider', 'model', ...PRICE_FIELDS] as const
  const enter = (i: number) => (e: { key: string }) => {
    if (e.key === 'Enter') leave(i, allFields)
  }
  const invalid = (message: string | null, id: string) =>
    message ? { 'aria-invalid': true, 'aria-describedby': id } : {}

  return (
    <div className="stack">
      {rows.length > 0 && (
        <table aria-label="Price overrides">
          <thead>
            <tr>
              <th>Provider</th>
              <th>Model</th>
              {PRICE_FIELDS.map((f) => (
                <th key={f} className="num">
                  {PRICE_LABELS[f]} $/M
                </th>
              ))}
              <th aria-label="Remove" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const n = i + 1
              const modelError = errorAt(i, 'model')
              const providerError = errorAt(i, 'provider')
              return (
                <tr key={i}>
                  <td>
                    <select
                      aria-label={`Provider of price ${n}`}
                      value={r.provider}
                      {...invalid(providerError, `${idBase}-${i}-provider`)}
                      onChange={(e) =>
                        replace(
                          rows.map((x, j) => (j === i ? { ...x, provider: e.target.value } : x)),
                        )
                      }
                    >
                      {!providers.some((p) => p.id === r.provider) && (
                        <option value={r.provider}>{r.provider || 'Pick a provider'}</option>
                      )}
                      {providers.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                    <CellError id={`${idBase}-${i}-provider`} message={providerError} />
                  </td>
                  <td>
                    <input
                      aria-label={`Model of price ${n}`}
                      className="mono"
                      placeholder="gpt-4o*"
                      value={r.model}
                      {...invalid(modelError, `${idBase}-${i}-model`)}
                      onChange={(e) => edit(i, 'model', e.target.value)}
                      onBlur={() => leave(i, ['model'])}
                      onKeyDown={enter(i)}
                    />
                    <CellError id={`${idBase}-${i}-model`} message={modelError} />
                  </td>
                  {PRICE_FIELDS.map((f) => {
                    const message = errorAt(i, f)
                    return (
                      <td key={f}>
                        <input
                          aria-label={`${PRICE_LABELS[f]} price of price ${n}`}
                          type="number"
                          inputMode="decimal"
                          min={0}
                          step="any"
                          className="num"
                          value={r[f]}
                          {...invalid(message, `${idBase}-${i}-${f}`)}
                          onChange={(e) => edit(i, f, e.target.value)}
                          onBlur={() => leave(i, [f])}
                          onKeyDown={enter(i)}
                        />
                        <CellError id={`${idBase}-${i}-${f}`} message={message} />
                      </td>
                    )
                  })}
                  <td>
                    <button
                      type="button"
                      className="icon ghost danger"
                      aria-label={`Remove price ${n}`}
                      onClick={() => replace(rows.filter((_, j) => j !== i))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <div className="row">
        <button
          type="button"
          className="ghost"
          disabled={providers.length === 0 || rows.length >= MAX_ROWS}
          onClick={add}
        >
          + Price
        </button>
        {providers.length === 0 && (
          <span className="muted small">Add a provider first: a price applies to its models.</span>
        )}
      </div>
      <ErrorNote error={error} />
    </div>
  )
}

function CellError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null
  return (
    <span className="field-error" id={id} role="alert">
      {message}
    </span>
  )
}
