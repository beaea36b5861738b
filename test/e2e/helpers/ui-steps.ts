import type { Page } from 'playwright-core'

/** Clicks a sidebar entry and waits for its page heading. */
export async function openPage(page: Page, label: string, heading = label): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click()
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
}

/** Adds a provider through the form, as a user would. */
export async function addProvider(
  page: Page,
  p: { kind: string; name: string; id: string; endpoint: string; apiKey?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Add provider' }).first().click()
  const form = page.getByRole('form', { name: 'Add provider' })
  await form.getByLabel('Kind').selectOption({ label: p.kind })
  await form.getByLabel('Name').fill(p.name)
  await form.getByLabel('Id (optional)').fill(p.id)
  await form.getByLabel('Endpoint').fill(p.endpoint)
  if (p.apiKey) await form.getByLabel('API key').fill(p.apiKey)
  await form.getByRole('button', { name: 'Add provider' }).click()
  await form.waitFor({ state: 'detached' })
}

/** Picks a model in a model picker by typing part of its name and choosing the option. */
export async function pickModel(page: Page, pickerLabel: string, model: string): Promise<void> {
  const input = page.getByRole('combobox', { name: pickerLabel })
  await input.click()
  await input.fill(model)
  await page
    .getByRole('listbox', { name: `${pickerLabel} options` })
    .getByRole('option', { name: model })
    .click()
}
