import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

/** test-results/ is gitignored; CI keeps it as the run's artifacts. */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../../test-results/screenshots', import.meta.url),
)

/** Saves the page in the light and the dark theme (the UI follows the OS colour scheme). */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // The sidebar is sticky: from the top, a full-page shot shows it where a user first sees it.
  await page.evaluate('window.scrollTo(0, 0)')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    // Let transitions settle so both shots show the same state.
    await page.waitForTimeout(150)
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`), fullPage: true })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
