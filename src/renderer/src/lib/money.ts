/** "$0.0114", "$3.20", "$1,204.00": cents from a dollar up, three significant digits below. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '—'
  if (usd === 0) return '$0'
  if (Math.abs(usd) < 0.000001) return usd < 0 ? '-<$0.000001' : '<$0.000001'
  if (Math.abs(usd) >= 1) return usd.toLocaleString('en-US', { style: 'currency', currency: 'USD' })
  return `${usd < 0 ? '-' : ''}$${Number(Math.abs(usd).toPrecision(3))}`
}
