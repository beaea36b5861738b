import { Settings, type PriceOverride } from '../../../shared/schemas.ts'
import { fieldMessage } from './field-message.ts'

/** One price override row as typed: numbers stay text until the row is checked. */
export interface PriceDraftRow {
  provider: string
  model: string
  input: string
  output: string
  cacheRead: string
}

export type PriceField = keyof PriceDraftRow
export const PRICE_FIELDS = ['input', 'output', 'cacheRead'] as const

/** Where a row's error shows: `${row}.${field}`. */
export const priceErrorKey = (row: number, field: PriceField) => `${row}.${field}`

export function toPriceDraft(o: PriceOverride): PriceDraftRow {
  return {
    provider: o.provider,
    model: o.model,
    input: String(o.price.input),
    output: String(o.price.output),
    cacheRead: String(o.price.cacheRead),
  }
}

export function emptyPriceRow(provider: string): PriceDraftRow {
  return { provider, model: '', input: '', output: '', cacheRead: '' }
}

const number = (text: string) => (text.trim() === '' ? undefined : Number(text))

/**
 * Checks the rows with the setting's own schema: the overrides to save, or each problem keyed by
 * row and field.
 */
export function parsePriceDraft(
  rows: PriceDraftRow[],
): { ok: true; value: PriceOverride[] } | { ok: false; errors: Record<string, string> } {
  const parsed = Settings.shape.priceOverrides.safeParse(
    rows.map((r) => ({
      provider: r.provider,
      model: r.model,
      price: { input: number(r.input), output: number(r.output), cacheRead: number(r.cacheRead) },
    })),
  )
  if (parsed.success) return { ok: true, value: parsed.data }
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const [row, first, second] = issue.path
    if (typeof row !== 'number') continue
    const field = (first === 'price' ? second : first) as PriceField
    const missing = issue.code === 'invalid_type' && first === 'price'
    errors[priceErrorKey(row, field)] ??= missing
      ? 'Enter a price in USD per million tokens.'
      : fieldMessage(issue.message)
  }
  return { ok: false, errors }
}
