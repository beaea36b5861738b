const palette = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6']

/** A theme colour for series `i`, as a CSS variable so light and dark both work. */
export function chartColor(i: number): string {
  return `var(${palette[i % palette.length]})`
}
